// The migration family: MigrateWorkspace recreates a WorkSpace from another bundle under a new id; once the new
// WorkSpace is AVAILABLE the original is terminated (docs/behaviour/migrate-standby-import.md).
import { isQueuedForDeletion, queuedForDeletionMessage } from '../domain/bundle-rules.js';
import { durations } from '../domain/durations.js';
import {
  type MigratingWorkspace,
  type MigrationEnd,
  migratedVolumes,
  migrationRefusal,
  migrationStateVerdict,
  type Volumes,
} from '../domain/migration-rules.js';
import { isLinux } from '../domain/operating-systems.js';
import type { BundleRecord } from '../domain/records.js';
import { isModifying, type WorkspaceDoc, withState } from '../domain/workspace-doc.js';
import { defaultProtocols } from '../domain/workspace-properties.js';
import { MODIFICATION_IN_PROGRESS } from '../domain/workspace-states.js';
import type { TransitionApplier, TransitionContext } from '../engine/engine.js';
import { invalidParameter, operationNotSupported, resourceUnavailable, ServiceError } from '../errors.js';
import { failureDefaults, takeTransitionFault } from '../faults/transitions.js';
import type { WorkspaceProperties } from '../model/generated/types.js';
import { merged } from '../objects.js';
import { findBundle, findImage, requireBundle, requireWorkspace } from './lookups.js';
import type { Family, Handlers, RequestContext } from './types.js';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;

const docs = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<MigratingWorkspace>('workspace');

const inProgress = (message: string) => new ServiceError('OperationInProgressException', message);

const bundleVolumes = (bundle: BundleRecord): Volumes => ({
  root: Number(bundle.RootStorage?.Capacity ?? 80),
  user: Number(bundle.UserStorage?.Capacity ?? 10),
});

/** BYOL images are the ones with dedicated tenancy; public bundles' images are never stored, so never BYOL. */
const isByolImage = (ctx: Ctx, imageId: string) => findImage(ctx, imageId)?.image.RequiredTenancy === 'DEDICATED';

function checkSource(ws: MigratingWorkspace): void {
  if (ws.MigratingTo !== undefined) {
    throw inProgress(`The WorkSpace ${ws.WorkspaceId} is already being migrated to ${ws.MigratingTo}.`);
  }
  if (isModifying(ws)) throw inProgress(MODIFICATION_IN_PROGRESS);
  const verdict = migrationStateVerdict(ws.State);
  if (verdict === 'busy') {
    throw inProgress(
      `The WorkSpace ${ws.WorkspaceId} is ${ws.State}. Wait until the current operation completes, and try again.`,
    );
  }
  if (verdict === 'unavailable') {
    throw resourceUnavailable(
      `The WorkSpace ${ws.WorkspaceId} is ${ws.State}. Only WorkSpaces that are AVAILABLE, STOPPED or ERROR can be migrated.`,
      ws.WorkspaceId,
    );
  }
}

function sourceEnd(ctx: Ctx, ws: WorkspaceDoc): MigrationEnd {
  const bundle = findBundle(ctx, ws.BundleId);
  const props = ws.WorkspaceProperties ?? {};
  return {
    os: props.OperatingSystemName ?? bundle?.OperatingSystemName ?? 'UNKNOWN',
    byol: isByolImage(ctx, ws.ImageId),
    compute: props.ComputeTypeName ?? bundle?.ComputeType?.Name ?? 'VALUE',
  };
}

function checkTarget(ctx: Ctx, ws: WorkspaceDoc, bundle: BundleRecord): void {
  if (isQueuedForDeletion(bundle))
    throw resourceUnavailable(queuedForDeletionMessage(bundle.BundleId), bundle.BundleId);
  if (bundle.State !== undefined && bundle.State !== 'AVAILABLE') {
    throw resourceUnavailable(
      `The bundle ${bundle.BundleId} is ${bundle.State}. Wait until it is AVAILABLE, and try again.`,
      bundle.BundleId,
    );
  }
  if (bundle.BundleId === ws.BundleId) {
    throw invalidParameter(
      `The WorkSpace ${ws.WorkspaceId} already uses the bundle ${bundle.BundleId}. The source and target bundles must be different; to refresh a WorkSpace from its own bundle, rebuild it.`,
    );
  }
  const target: MigrationEnd = {
    os: bundle.OperatingSystemName,
    byol: isByolImage(ctx, bundle.ImageId),
    compute: bundle.ComputeType?.Name ?? 'VALUE',
  };
  const refusal = migrationRefusal(sourceEnd(ctx, ws), target);
  if (refusal) throw operationNotSupported(refusal);
}

/** The new root volume comes from the target bundle; the user, running mode and user volume stay. */
function migratedProperties(ctx: Ctx, ws: WorkspaceDoc, bundle: BundleRecord): WorkspaceProperties {
  const current = ws.WorkspaceProperties ?? {};
  const source = findBundle(ctx, ws.BundleId);
  const volumes = migratedVolumes(
    {
      root: current.RootVolumeSizeGib ?? (source ? bundleVolumes(source).root : 80),
      user: current.UserVolumeSizeGib ?? (source ? bundleVolumes(source).user : 10),
    },
    source && bundleVolumes(source),
    bundleVolumes(bundle),
  );
  const os = bundle.OperatingSystemName;
  const compute = bundle.ComputeType?.Name ?? current.ComputeTypeName;
  return merged(current, {
    RootVolumeSizeGib: volumes.root,
    UserVolumeSizeGib: volumes.user,
    ...(compute === undefined ? {} : { ComputeTypeName: compute }),
    OperatingSystemName: os,
    // Linux WorkSpaces stream over DCV only; Windows ones keep the protocol they had.
    Protocols: isLinux(os) ? defaultProtocols(os) : (current.Protocols ?? defaultProtocols(os)),
  });
}

/** The WorkSpace that replaces `ws`: same directory, user, name and encryption; new id, computer name and IP. */
function replacement(ctx: RequestContext, ws: WorkspaceDoc, bundle: BundleRecord): WorkspaceDoc {
  return {
    WorkspaceId: ctx.ids.next('ws'),
    DirectoryId: ws.DirectoryId,
    UserName: ws.UserName,
    BundleId: bundle.BundleId,
    State: 'PENDING',
    CreatedAt: ctx.now,
    StateChangedAt: ctx.now,
    ImageId: bundle.ImageId,
    WorkspaceProperties: migratedProperties(ctx, ws, bundle),
    ModificationStates: [],
    UserVolumeEncryptionEnabled: ws.UserVolumeEncryptionEnabled ?? false,
    RootVolumeEncryptionEnabled: ws.RootVolumeEncryptionEnabled ?? false,
    ...(ws.VolumeEncryptionKey === undefined ? {} : { VolumeEncryptionKey: ws.VolumeEncryptionKey }),
    ...(ws.WorkspaceName === undefined ? {} : { WorkspaceName: ws.WorkspaceName }),
    ...(ws.SubnetId === undefined ? {} : { SubnetId: ws.SubnetId }),
  };
}

function copyTags(ctx: Ctx, from: string, to: string): void {
  const tags = ctx.store.tags.get(ctx.scope, from);
  if (tags.length > 0) ctx.store.tags.put(ctx.scope, to, tags);
}

const handlers: Handlers<'MigrateWorkspace'> = {
  MigrateWorkspace(input, ctx) {
    const source: MigratingWorkspace = requireWorkspace(ctx, input.SourceWorkspaceId);
    const bundle = requireBundle(ctx, input.BundleId);
    checkSource(source);
    checkTarget(ctx, source, bundle);
    const target = replacement(ctx, source, bundle);
    docs(ctx).put(ctx.scope, target.WorkspaceId, target);
    copyTags(ctx, source.WorkspaceId, target.WorkspaceId);
    docs(ctx).put(ctx.scope, source.WorkspaceId, merged(source, { MigratingTo: target.WorkspaceId }));
    // The workspaces family launches the new WorkSpace (applications of the target bundle, network identity);
    // scheduled first, it has run when the migration ends at the same instant.
    ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceMigrate, 'workspaces.created', target.WorkspaceId);
    ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceMigrate, 'migration.completed', source.WorkspaceId);
    return { SourceWorkspaceId: source.WorkspaceId, TargetWorkspaceId: target.WorkspaceId };
  },
};

/** A migration fault leaves the new WorkSpace in ERROR (and so the source in place). */
function failIfFaulted(tctx: TransitionContext, sourceId: string, target: WorkspaceDoc | undefined) {
  if (target?.State !== 'AVAILABLE') return target;
  const scope = tctx.scope;
  const fault = takeTransitionFault(tctx.store, tctx.now, {
    resource: 'workspace',
    transition: 'migrate',
    scope,
    id: sourceId,
  });
  if (!fault) return target;
  const defaults = failureDefaults.workspace;
  const errored = merged(withState(target, 'ERROR', tctx.now), {
    ErrorCode: fault.errorCode ?? defaults.errorCode,
    ErrorMessage: fault.errorMessage ?? defaults.errorMessage,
  });
  docs(tctx).put(scope, target.WorkspaceId, errored);
  return errored;
}

/**
 * Ends a migration, keyed by the source WorkSpace (terminating the source cancels it). A new WorkSpace that made it
 * to AVAILABLE replaces the source, which the workspaces family then terminates (its applications and tags go with
 * it). Otherwise (the new one was terminated meanwhile) the migration failed and the source simply stays.
 */
const completed: TransitionApplier = (tctx, sourceId) => {
  const source = docs(tctx).get(tctx.scope, sourceId);
  if (source?.MigratingTo === undefined) return;
  const { MigratingTo, ...rest } = source;
  const target = failIfFaulted(tctx, sourceId, docs(tctx).get(tctx.scope, MigratingTo));
  if (target?.State !== 'AVAILABLE') {
    docs(tctx).put(tctx.scope, sourceId, rest);
    return;
  }
  tctx.store.transitions.cancel(tctx.scope, sourceId);
  docs(tctx).put(tctx.scope, sourceId, merged(withState(rest, 'TERMINATING', tctx.now), { ModificationStates: [] }));
  tctx.engine.schedule(tctx.scope, tctx.now, durations.workspaceTerminate, 'workspaces.terminated', sourceId);
};

export const migrationFamily: Family = {
  handlers,
  transitions: { 'migration.completed': completed },
};
