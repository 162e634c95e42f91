// How application associations follow resources: images inherit a WorkSpace's installed applications, bundles
// their image's, WorkSpaces their bundle's; deletes take associations with them. (shared/reference §7, inferred.)
import type { BundleRecord } from '../domain/records.js';
import type { AssociatedResourceType, AssociationRecord, Scope } from '../store/types.js';
import type { RequestContext } from './types.js';

type Ctx = Pick<RequestContext, 'store' | 'now'>;

export interface ResourceRef {
  scope: Scope;
  type: AssociatedResourceType;
  id: string;
}

function completed(to: ResourceRef, applicationId: string, at: number): AssociationRecord {
  return { resourceType: to.type, resourceId: to.id, applicationId, state: 'COMPLETED', created: at, updated: at };
}

/** Applications installed on a resource: its COMPLETED associations (public bundles: their catalog list). */
export function installedApplications(ctx: Ctx, from: ResourceRef): string[] {
  return ctx.store.associations
    .forResource(from.scope, from.type, from.id)
    .filter((a) => a.state === 'COMPLETED')
    .map((a) => a.applicationId);
}

export function applicationsOfBundle(ctx: Ctx, scope: Scope, bundle: BundleRecord): string[] {
  return bundle.ApplicationIds ?? installedApplications(ctx, { scope, type: 'BUNDLE', id: bundle.BundleId });
}

/** Gives `to` a COMPLETED association for each application; existing rows of `to` are replaced. */
export function setInstalledApplications(ctx: Ctx, to: ResourceRef, applicationIds: readonly string[]): void {
  ctx.store.associations.deleteForResource(to.scope, to.type, to.id);
  for (const applicationId of applicationIds)
    ctx.store.associations.put(to.scope, completed(to, applicationId, ctx.now));
}

/** Copies the COMPLETED associations of `from` onto `to` (pending, failed and removed ones are not carried). */
export function copyInstalledApplications(ctx: Ctx, from: ResourceRef, to: ResourceRef): void {
  setInstalledApplications(ctx, to, installedApplications(ctx, from));
}

export function clearAssociations(ctx: Ctx, ref: ResourceRef): void {
  ctx.store.associations.deleteForResource(ref.scope, ref.type, ref.id);
}
