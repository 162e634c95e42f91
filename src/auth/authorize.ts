// Authorization: the (action, resource ARN) pairs a request needs, and IAM's answer for a principal's policies.
import { findPublicBundle } from '../domain/public-bundles.js';
import { accessDenied } from '../errors.js';
import { findImage } from '../handlers/lookups.js';
import type { OperationName } from '../model/generated/operations.js';
import type { Scope, Store } from '../store/types.js';
import { type IdSource, operationAccess, type ResourceRef, type ResourceType } from './operation-access.js';
import { type Decision, decide } from './policy.js';
import type { Principal } from './principals.js';

export interface AccessCheck {
  readonly action: string;
  readonly resource: string;
}

/** The account an ARN names for a resource; '' for AMAZON-owned ones (public bundles, catalog applications). */
export type OwnerLookup = (type: ResourceType, id: string, region: string, caller: Scope) => string;

const ARN_RESOURCE: Readonly<Record<ResourceType, string>> = {
  workspaceid: 'workspace',
  workspacebundle: 'workspacebundle',
  workspaceimage: 'workspaceimage',
  directoryid: 'directory',
  workspaceapplication: 'workspaceapplication',
  workspaceipgroup: 'workspaceipgroup',
  connectionalias: 'connectionalias',
  workspacespool: 'workspacespool',
};

/** Resources of the caller, except AMAZON's public bundles and applications and images shared with the caller. */
export function storeOwners(store: Store): OwnerLookup {
  return (type, id, region, caller) => {
    if (type === 'workspaceapplication') return '';
    if (type === 'workspacebundle' && findPublicBundle(id)) return '';
    if (type === 'workspaceimage') {
      const scope = { account: caller.account, region };
      return findImage({ scope, store }, id)?.owner.account ?? caller.account;
    }
    return caller.account;
  };
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Own properties only: a body key such as "constructor" must never resolve through the prototype. */
function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
    return undefined;
  }
  return (value as Record<string, unknown>)[key];
}

/** Values at a source: one member, a list, or a member of each structure of a list. */
function valuesAt(body: unknown, source: Exclude<IdSource, 'new'>): unknown[] {
  if (!('list' in source)) return [field(body, source.member)];
  const list = field(body, source.list);
  if (!Array.isArray(list)) return [];
  return 'member' in source ? list.map((item) => field(item, source.member)) : list;
}

/** The ids a request names; none (or none as a string) means every resource of the type, as `*`. */
function idsAt(body: unknown, source: IdSource): string[] {
  if (source === 'new') return ['*'];
  const ids = new Set(valuesAt(body, source).filter((value): value is string => typeof value === 'string'));
  return ids.size === 0 ? ['*'] : [...ids];
}

function arnsFor(ref: ResourceRef, body: unknown, caller: Scope, owners: OwnerLookup): string[] {
  const named = ref.regionMember === undefined ? undefined : field(body, ref.regionMember);
  const region = typeof named === 'string' ? named : caller.region;
  return idsAt(body, ref.ids).map((id) => {
    const account = id === '*' ? caller.account : owners(ref.type, id, region, caller);
    return `arn:${partitionOf(region)}:workspaces:${region}:${account}:${ARN_RESOURCE[ref.type]}/${id}`;
  });
}

function checksOf(operation: OperationName, body: unknown, caller: Scope, owners: OwnerLookup): AccessCheck[] {
  const action = `workspaces:${operation}`;
  const { resources } = operationAccess[operation];
  if (resources.length === 0) return [{ action, resource: '*' }];
  return resources.flatMap((ref) => arnsFor(ref, body, caller, owners).map((resource) => ({ action, resource })));
}

function hasTags(body: unknown, source: IdSource): boolean {
  if (source === 'new') return false;
  return valuesAt(body, source).some((tags) => Array.isArray(tags) && tags.length > 0);
}

/** Every pair the call needs, the operation's own action first. */
export function accessChecks(
  operation: OperationName,
  body: unknown,
  caller: Scope,
  owners: OwnerLookup,
): AccessCheck[] {
  const access = operationAccess[operation];
  const checks = checksOf(operation, body, caller, owners);
  for (const also of access.alsoActions ?? []) checks.push(...checksOf(also, body, caller, owners));
  if (access.creationTags !== undefined && hasTags(body, access.creationTags)) {
    checks.push({ action: 'workspaces:CreateTags', resource: '*' });
  }
  return checks;
}

/** IAM's standard wording (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html). */
export function deniedMessage(principalArn: string, check: AccessCheck, decision: Exclude<Decision, 'allowed'>) {
  const reason =
    decision === 'explicitDeny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${check.action} action`;
  return `User: ${principalArn} is not authorized to perform: ${check.action} on resource: ${check.resource} ${reason}`;
}

/** Throws AccessDeniedException for the first pair the principal's policies do not allow. */
export function authorize(principal: Principal, checks: readonly AccessCheck[]): void {
  if (principal.statements === undefined) return;
  for (const check of checks) {
    const decision = decide(principal.statements, check.action, check.resource);
    if (decision !== 'allowed') throw accessDenied(deniedMessage(principal.arn, check, decision));
  }
}
