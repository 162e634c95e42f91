// The standby family: CreateStandbyWorkspaces makes, in the caller's Region, a standby of a primary WorkSpace that
// lives in another Region of the same account, and links the two (docs/behaviour/migrate-standby-import.md).
import { durations } from '../domain/durations.js';
import type { DirectoryRecord } from '../domain/records.js';
import type { WorkspaceDoc } from '../domain/workspace-doc.js';
import { isRefusal, type Refusal } from '../domain/workspace-properties.js';
import { hasStandby, isStandby } from '../domain/workspace-standby.js';
import { notFoundRefusal } from '../domain/workspace-states.js';
import { invalidParameter } from '../errors.js';
import type {
  DataReplication,
  FailedCreateStandbyWorkspacesRequest,
  PendingCreateStandbyWorkspacesRequest,
  StandbyWorkspace,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope } from '../store/types.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';
import { usableDirectory, workspaceQuotaRefusal } from './workspaces.js';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;

const SCAN_BATCH = 100;
/** The reserved user name of user-decoupled WorkSpaces, which are told apart by WorkspaceName instead. */
const DECOUPLED_USER = '[UNDEFINED]';

const docs = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<WorkspaceDoc>('workspace');

const isEncrypted = (ws: WorkspaceDoc) =>
  ws.UserVolumeEncryptionEnabled === true || ws.RootVolumeEncryptionEnabled === true;

function usablePrimary(ctx: Ctx, primaryScope: Scope, request: StandbyWorkspace): WorkspaceDoc | Refusal {
  const id = request.PrimaryWorkspaceId;
  const primary = docs(ctx).get(primaryScope, id);
  if (!primary || primary.State === 'TERMINATED') return notFoundRefusal(id);
  if (isStandby(primary)) {
    return {
      code: 'OperationNotSupported',
      message: `The WorkSpace ${id} is itself a standby WorkSpace; a standby WorkSpace cannot have a standby of its own.`,
    };
  }
  if (hasStandby(primary)) {
    return { code: 'ResourceExists.StandbyWorkspace', message: `The WorkSpace ${id} already has a standby WorkSpace.` };
  }
  if (primary.State !== 'AVAILABLE' && primary.State !== 'STOPPED') {
    return {
      code: 'InvalidResourceState',
      message: `The WorkSpace ${id} is ${primary.State}; a standby WorkSpace can be created only for an AVAILABLE or STOPPED WorkSpace.`,
    };
  }
  if (isEncrypted(primary) && request.VolumeEncryptionKey === undefined) {
    return {
      code: 'InvalidParameterValues',
      message: `The WorkSpace ${id} has encrypted volumes; specify a VolumeEncryptionKey of the standby Region.`,
    };
  }
  return primary;
}

const sameOwner = (a: WorkspaceDoc, b: WorkspaceDoc) =>
  a.UserName === DECOUPLED_USER
    ? a.WorkspaceName === b.WorkspaceName
    : a.UserName.toLowerCase() === b.UserName.toLowerCase();

/** One user (or decoupled WorkSpace name) has at most one live WorkSpace in a directory, standby or not. */
function isOwnerTaken(ctx: Ctx, directoryId: string, primary: WorkspaceDoc): boolean {
  for (let after = 0; ; ) {
    const batch = docs(ctx).findBy(ctx.scope, 'DirectoryId', directoryId, after, SCAN_BATCH);
    if (batch.items.some((ws) => ws.State !== 'TERMINATED' && sameOwner(primary, ws))) return true;
    if (batch.next === undefined) return false;
    after = batch.next;
  }
}

/** The standby copies the primary's user, bundle, image and properties; encryption uses the standby Region's key. */
function standbyOf(
  ctx: RequestContext,
  primary: WorkspaceDoc,
  primaryRegion: string,
  directory: DirectoryRecord,
  request: StandbyWorkspace,
  replication: DataReplication,
): WorkspaceDoc {
  const encrypted = isEncrypted(primary);
  const [subnet] = directory.SubnetIds ?? [];
  return {
    WorkspaceId: ctx.ids.next('ws'),
    DirectoryId: directory.DirectoryId,
    UserName: primary.UserName,
    BundleId: primary.BundleId,
    State: 'PENDING',
    CreatedAt: ctx.now,
    StateChangedAt: ctx.now,
    ImageId: primary.ImageId,
    ModificationStates: [],
    UserVolumeEncryptionEnabled: primary.UserVolumeEncryptionEnabled ?? false,
    RootVolumeEncryptionEnabled: primary.RootVolumeEncryptionEnabled ?? false,
    ...(encrypted && request.VolumeEncryptionKey !== undefined && { VolumeEncryptionKey: request.VolumeEncryptionKey }),
    ...(primary.WorkspaceProperties !== undefined && { WorkspaceProperties: { ...primary.WorkspaceProperties } }),
    ...(primary.WorkspaceName !== undefined && { WorkspaceName: primary.WorkspaceName }),
    ...(subnet !== undefined && { SubnetId: subnet }),
    RelatedWorkspaces: [{ WorkspaceId: primary.WorkspaceId, Region: primaryRegion, Type: 'PRIMARY' }],
    DataReplicationSettings: { DataReplication: replication },
  };
}

function linkPrimary(
  ctx: RequestContext,
  primaryScope: Scope,
  primary: WorkspaceDoc,
  standbyId: string,
  replication: DataReplication,
) {
  docs(ctx).put(
    primaryScope,
    primary.WorkspaceId,
    merged(primary, {
      RelatedWorkspaces: [
        ...(primary.RelatedWorkspaces ?? []),
        { WorkspaceId: standbyId, Region: ctx.scope.region, Type: 'STANDBY' as const },
      ],
      StandbyWorkspacesProperties: [{ StandbyWorkspaceId: standbyId, DataReplication: replication }],
      DataReplicationSettings: { DataReplication: replication },
    }),
  );
}

type Outcome = { pending: PendingCreateStandbyWorkspacesRequest } | { refusal: Refusal };

function createStandby(ctx: RequestContext, primaryRegion: string, request: StandbyWorkspace): Outcome {
  const primaryScope = { account: ctx.scope.account, region: primaryRegion };
  const primary = usablePrimary(ctx, primaryScope, request);
  if (isRefusal(primary)) return { refusal: primary };
  const directory = usableDirectory(ctx, request.DirectoryId, 'standby');
  if (isRefusal(directory)) return { refusal: directory };
  if (isOwnerTaken(ctx, directory.DirectoryId, primary)) {
    return {
      refusal: { code: 'ResourceExists.WorkSpace', message: 'A WorkSpace already exists for the specified user.' },
    };
  }
  const compute = primary.WorkspaceProperties?.ComputeTypeName ?? 'VALUE';
  const overQuota = workspaceQuotaRefusal(ctx, compute, 'standby');
  if (overQuota) return { refusal: overQuota };
  const replication = request.DataReplication ?? 'NO_REPLICATION';
  const standby = standbyOf(ctx, primary, primaryRegion, directory, request, replication);
  docs(ctx).put(ctx.scope, standby.WorkspaceId, standby);
  applyCreationTags(ctx, standby.WorkspaceId, request.Tags);
  linkPrimary(ctx, primaryScope, primary, standby.WorkspaceId, replication);
  // Launched like any WorkSpace: PENDING → AVAILABLE with its bundle's applications.
  ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceCreate, 'workspaces.created', standby.WorkspaceId);
  return {
    pending: {
      UserName: standby.UserName,
      DirectoryId: standby.DirectoryId,
      State: standby.State,
      WorkspaceId: standby.WorkspaceId,
    },
  };
}

const handlers: Handlers<'CreateStandbyWorkspaces'> = {
  CreateStandbyWorkspaces(input, ctx) {
    if (input.PrimaryRegion === ctx.scope.region) {
      throw invalidParameter(
        `The primary Region must differ from the Region of the standby WorkSpace (${ctx.scope.region}).`,
      );
    }
    const PendingStandbyRequests: PendingCreateStandbyWorkspacesRequest[] = [];
    const FailedStandbyRequests: FailedCreateStandbyWorkspacesRequest[] = [];
    for (const request of input.StandbyWorkspaces) {
      const outcome = createStandby(ctx, input.PrimaryRegion, request);
      if ('pending' in outcome) PendingStandbyRequests.push(outcome.pending);
      else {
        FailedStandbyRequests.push({
          StandbyWorkspaceRequest: request,
          ErrorCode: outcome.refusal.code,
          ErrorMessage: outcome.refusal.message,
        });
      }
    }
    return { FailedStandbyRequests, PendingStandbyRequests };
  },
};

export const standbyFamily: Family = { handlers, transitions: {} };
