// The WorkSpaces family: create, describe, start, stop, reboot, rebuild, restore, terminate, modify, connection
// status and snapshots. Every lifecycle step is a scheduled transition; batch calls report per-request failures.
import { isQueuedForDeletion, queuedForDeletionMessage } from '../domain/bundle-rules.js';
import { durations } from '../domain/durations.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import { computeQuotaOf, type QuotaName } from '../domain/quotas.js';
import type { BundleRecord, DirectoryRecord } from '../domain/records.js';
import { toDate } from '../domain/records.js';
import { isModifying, type WorkspaceDoc, withState } from '../domain/workspace-doc.js';
import {
  checkVolumeGroup,
  defaultProtocols,
  isRefusal,
  planModification,
  type Refusal,
  runningModeProperties,
  runningModeRefusal,
} from '../domain/workspace-properties.js';
import { applicationsAtSnapshot, latestSnapshotTime } from '../domain/workspace-snapshots.js';
import {
  linkedScope,
  primaryLinkOf,
  standbyLinkOf,
  withoutLinkTo,
  withPrimaryReplication,
  withStandbyReplication,
} from '../domain/workspace-standby.js';
import {
  actionRefusal,
  connectionStateOf,
  MODIFICATION_IN_PROGRESS,
  notFoundRefusal,
  type WorkspaceAction,
} from '../domain/workspace-states.js';
import type { TransitionApplier, TransitionContext } from '../engine/engine.js';
import { invalidParameter, invalidState, operationNotSupported, ServiceError } from '../errors.js';
import type { TransitionFault } from '../faults/records.js';
import { failureDefaults, takeTransitionFault, type transitionTable } from '../faults/transitions.js';
import type {
  Compute,
  DataReplication,
  DescribeWorkspacesRequest,
  FailedCreateWorkspaceRequest,
  FailedWorkspaceChangeRequest,
  Workspace,
  WorkspaceProperties,
  WorkspaceRequest,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Page, Scope } from '../store/types.js';
import { releaseQueuedBundle } from './bundles.js';
import { directories, findBundle, requireWorkspace } from './lookups.js';
import {
  applicationsOfBundle,
  clearAssociations,
  installedApplications,
  type ResourceRef,
  setInstalledApplications,
} from './propagation.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

const DEFAULT_LIMIT = 25;
/** Rows read per step when a filter has no index of its own (UserName, WorkspaceName). */
const SCAN_BATCH = 100;
/** The reserved user name of user-decoupled WorkSpaces (model documentation of WorkspaceRequest.UserName). */
const DECOUPLED_USER = '[UNDEFINED]';

type Ctx = Pick<RequestContext, 'scope' | 'store' | 'now'>;
type QuotaContext = Pick<RequestContext, 'scope' | 'store' | 'config'>;

/** The workspace collection read with this family's bookkeeping fields. */
const docs = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<WorkspaceDoc>('workspace');

const workspaceRef = (scope: Scope, id: string): ResourceRef => ({ scope, type: 'WORKSPACE', id });

// ---- reading ---------------------------------------------------------------------------------------------------

/** Up to `limit` documents that pass `keep`, reading `fetch` in steps; `next` continues after the last row read. */
function filteredPage<T>(
  fetch: (after: number, limit: number) => Page<T>,
  after: number,
  limit: number,
  keep: (doc: T) => boolean,
): Page<T> {
  const items: T[] = [];
  let position = after;
  while (items.length < limit) {
    // Never read more rows than matches still wanted, so `position` stays exact when the page fills up.
    const batch = fetch(position, limit - items.length);
    items.push(...batch.items.filter(keep));
    if (batch.next === undefined) return { items, next: undefined };
    position = batch.next;
  }
  return { items, next: position };
}

/** The first WorkSpace of a directory that passes `match` (a scan of that directory, as no index covers users). */
function findInDirectory(
  ctx: Ctx,
  directoryId: string,
  match: (ws: WorkspaceDoc) => boolean,
): WorkspaceDoc | undefined {
  let after = 0;
  for (;;) {
    const batch = docs(ctx).findBy(ctx.scope, 'DirectoryId', directoryId, after, SCAN_BATCH);
    const found = batch.items.find(match);
    if (found || batch.next === undefined) return found;
    after = batch.next;
  }
}

const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function withNextToken<T extends object>(ctx: RequestContext, operation: string, result: T, next: number | undefined) {
  return merged(result, optional('NextToken', next === undefined ? undefined : encodeToken(ctx, operation, next)));
}

/** A page of an explicit id list: the token holds the index of the next id. */
function pageOfIds(
  ctx: RequestContext,
  ids: readonly string[],
  operation: string,
  token: string | undefined,
  limit: number,
) {
  const unique = [...new Set(ids)];
  const start = decodeToken(ctx, operation, token);
  const end = start + limit;
  return { ids: unique.slice(start, end), next: end < unique.length ? end : undefined };
}

// ---- CreateWorkspaces ------------------------------------------------------------------------------------------

const capacity = (storage: { Capacity?: string } | undefined, fallback: number) =>
  storage?.Capacity === undefined ? fallback : Number(storage.Capacity);

/** A directory new WorkSpaces may launch in, or the per-item refusal CreateWorkspaces/CreateStandbyWorkspaces report. */
export function usableDirectory(
  ctx: Ctx,
  directoryId: string,
  kind: 'personal' | 'standby',
): DirectoryRecord | Refusal {
  const directory = directories(ctx).get(ctx.scope, directoryId);
  if (!directory || directory.State === 'DEREGISTERED') {
    return {
      code: 'ResourceNotFound.Directory',
      message: 'The specified directory could not be found in the specified region.',
    };
  }
  if (directory.State !== 'REGISTERED') {
    return {
      code: 'InvalidResourceState.Directory',
      message: `The specified directory is ${directory.State}; WorkSpaces can be launched only in a REGISTERED directory.`,
    };
  }
  if (directory.WorkspaceType === 'POOLS') {
    return {
      code: 'OperationNotSupported',
      message: `The directory ${directoryId} is registered for WorkSpaces Pools; ${kind} WorkSpaces need a PERSONAL directory.`,
    };
  }
  return directory;
}

function usableBundle(ctx: Ctx, bundleId: string): BundleRecord | Refusal {
  const bundle = findBundle(ctx, bundleId);
  if (!bundle) {
    return {
      code: 'ResourceNotFound.Bundle',
      message: 'The specified bundle could not be found in the specified region.',
    };
  }
  if (bundle.State !== undefined && bundle.State !== 'AVAILABLE') {
    return {
      code: 'InvalidResourceState.Bundle',
      message: `The specified bundle is ${bundle.State}; WorkSpaces can be launched only from an AVAILABLE bundle.`,
    };
  }
  if (isQueuedForDeletion(bundle)) {
    return { code: 'InvalidResourceState.Bundle', message: queuedForDeletionMessage(bundle.BundleId) };
  }
  return bundle;
}

function userRefusal(ctx: Ctx, request: WorkspaceRequest): Refusal | undefined {
  const decoupled = request.UserName === DECOUPLED_USER;
  if (decoupled && request.WorkspaceName === undefined) {
    return { code: 'InvalidParameterValues', message: `WorkspaceName is required when UserName is ${DECOUPLED_USER}.` };
  }
  if (!decoupled && request.WorkspaceName !== undefined) {
    return { code: 'InvalidParameterValues', message: 'WorkspaceName is not applicable to user-assigned WorkSpaces.' };
  }
  const live = (ws: WorkspaceDoc) => ws.State !== 'TERMINATED';
  if (decoupled) {
    const taken = findInDirectory(
      ctx,
      request.DirectoryId,
      (ws) => live(ws) && ws.WorkspaceName === request.WorkspaceName,
    );
    return taken
      ? { code: 'ResourceExists.WorkSpace', message: 'A WorkSpace with the specified name already exists.' }
      : undefined;
  }
  const taken = findInDirectory(ctx, request.DirectoryId, (ws) => live(ws) && sameUser(ws.UserName, request.UserName));
  return taken
    ? { code: 'ResourceExists.WorkSpace', message: 'A WorkSpace already exists for the specified user.' }
    : undefined;
}

/** The new WorkSpace's properties: the request's, defaulted from the bundle. Bad volume sizes fail the whole call. */
function launchProperties(request: WorkspaceRequest, bundle: BundleRecord): WorkspaceProperties {
  const asked = request.WorkspaceProperties ?? {};
  const compute: Compute = asked.ComputeTypeName ?? bundle.ComputeType?.Name ?? 'VALUE';
  const bundleRoot = capacity(bundle.RootStorage, 80);
  const bundleUser = capacity(bundle.UserStorage, 10);
  const root = asked.RootVolumeSizeGib ?? bundleRoot;
  const user = asked.UserVolumeSizeGib ?? bundleUser;
  checkVolumeGroup(compute, root, user);
  if (root < bundleRoot || user < bundleUser) {
    throw invalidParameter(
      `The volumes of a WorkSpace cannot be smaller than those of its bundle ${bundle.BundleId} (root ${bundleRoot} GB, user ${bundleUser} GB).`,
    );
  }
  return merged(runningModeProperties(asked.RunningMode ?? 'ALWAYS_ON', asked.RunningModeAutoStopTimeoutInMinutes), {
    RootVolumeSizeGib: root,
    UserVolumeSizeGib: user,
    ComputeTypeName: compute,
    Protocols: asked.Protocols ?? bundle.Protocols ?? defaultProtocols(bundle.OperatingSystemName),
    OperatingSystemName: bundle.OperatingSystemName,
    ...optional('GlobalAccelerator', asked.GlobalAccelerator),
  });
}

/** WorkSpaces of the scope that pass `keep`, read in batches; only a finite quota without an index asks for it. */
function countWorkspaces(ctx: QuotaContext, keep: (ws: WorkspaceDoc) => boolean): number {
  let count = 0;
  for (let after = 0; ; ) {
    const batch = docs(ctx).page(ctx.scope, after, SCAN_BATCH);
    count += batch.items.filter(keep).length;
    if (batch.next === undefined) return count;
    after = batch.next;
  }
}

/** The FailedRequest of a create beyond a quota (chosen: AWS's per-request code for it is not public). */
function quotaRefusal(ctx: QuotaContext, name: QuotaName): Refusal {
  return {
    code: 'ResourceLimitExceeded',
    message: `The ${name} quota of this account in ${ctx.scope.region} (${ctx.config.quotas[name]}) has been reached. Terminate WorkSpaces you no longer need, or request a quota increase, and try again.`,
  };
}

/**
 * Refuses a new WorkSpace once the account's quota in the Region is reached: the WorkSpaces quota, the quota of its
 * compute type (Graphics, GeneralPurpose…), and for a standby WorkSpace the standby quota. WorkSpaces count until
 * they are gone from listings.
 */
export function workspaceQuotaRefusal(
  ctx: QuotaContext,
  compute: Compute,
  kind: 'personal' | 'standby',
): Refusal | undefined {
  const { quotas } = ctx.config;
  if (docs(ctx).count(ctx.scope) >= quotas.workspaces) return quotaRefusal(ctx, 'workspaces');
  const computeQuota = computeQuotaOf(compute);
  if (computeQuota !== undefined && Number.isFinite(quotas[computeQuota])) {
    const used = countWorkspaces(ctx, (ws) => ws.WorkspaceProperties?.ComputeTypeName === compute);
    if (used >= quotas[computeQuota]) return quotaRefusal(ctx, computeQuota);
  }
  const standbyQuota = quotas['standby-workspaces'];
  if (kind === 'standby' && Number.isFinite(standbyQuota)) {
    if (countWorkspaces(ctx, (ws) => primaryLinkOf(ws) !== undefined) >= standbyQuota) {
      return quotaRefusal(ctx, 'standby-workspaces');
    }
  }
  return undefined;
}

function newWorkspace(
  ctx: RequestContext,
  request: WorkspaceRequest,
  directory: DirectoryRecord,
  bundle: BundleRecord,
  properties: WorkspaceProperties,
): WorkspaceDoc {
  const subnets = directory.SubnetIds ?? [];
  const subnet =
    subnets[docs(ctx).countBy(ctx.scope, 'DirectoryId', directory.DirectoryId) % Math.max(1, subnets.length)];
  return {
    WorkspaceId: ctx.ids.next('ws'),
    DirectoryId: request.DirectoryId,
    UserName: request.UserName,
    BundleId: request.BundleId,
    State: 'PENDING',
    CreatedAt: ctx.now,
    StateChangedAt: ctx.now,
    ImageId: bundle.ImageId,
    WorkspaceProperties: properties,
    ModificationStates: [],
    UserVolumeEncryptionEnabled: request.UserVolumeEncryptionEnabled ?? false,
    RootVolumeEncryptionEnabled: request.RootVolumeEncryptionEnabled ?? false,
    ...optional('VolumeEncryptionKey', request.VolumeEncryptionKey),
    ...optional('WorkspaceName', request.WorkspaceName),
    ...optional('Ipv6Address', request.Ipv6Address),
    ...optional('SubnetId', subnet),
  };
}

type LaunchOutcome = { workspace: WorkspaceDoc } | { refusal: Refusal };

function launch(ctx: RequestContext, request: WorkspaceRequest): LaunchOutcome {
  const directory = usableDirectory(ctx, request.DirectoryId, 'personal');
  if (isRefusal(directory)) return { refusal: directory };
  const bundle = usableBundle(ctx, request.BundleId);
  if (isRefusal(bundle)) return { refusal: bundle };
  const asked = request.WorkspaceProperties ?? {};
  const refusedMode = runningModeRefusal(asked.RunningMode ?? 'ALWAYS_ON', asked.RunningModeAutoStopTimeoutInMinutes);
  if (refusedMode) return { refusal: refusedMode };
  const properties = launchProperties(request, bundle);
  const refusedUser = userRefusal(ctx, request);
  if (refusedUser) return { refusal: refusedUser };
  const overQuota = workspaceQuotaRefusal(ctx, properties.ComputeTypeName ?? 'VALUE', 'personal');
  if (overQuota) return { refusal: overQuota };
  const workspace = newWorkspace(ctx, request, directory, bundle, properties);
  docs(ctx).put(ctx.scope, workspace.WorkspaceId, workspace);
  applyCreationTags(ctx, workspace.WorkspaceId, request.Tags);
  ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceCreate, 'workspaces.created', workspace.WorkspaceId);
  return { workspace };
}

// ---- DescribeWorkspaces ----------------------------------------------------------------------------------------

function checkDescribeFilters(input: DescribeWorkspacesRequest): void {
  const filters = [input.WorkspaceIds, input.DirectoryId, input.BundleId, input.WorkspaceName];
  if (filters.filter((f) => f !== undefined).length > 1) {
    throw invalidParameter(
      'An invalid number of parameters provided with DescribeWorkspaces. Only one of the following are allowed to be specified: BundleId, DirectoryId, WorkSpaceIds, Filters.',
    );
  }
  if (input.UserName !== undefined && input.DirectoryId === undefined) {
    throw invalidParameter('The DirectoryId parameter is required when UserName is used.');
  }
}

function listWorkspaces(ctx: Ctx, input: DescribeWorkspacesRequest, after: number, limit: number): Page<WorkspaceDoc> {
  const collection = docs(ctx);
  const { scope } = ctx;
  const { DirectoryId: directoryId, UserName: userName, BundleId: bundleId, WorkspaceName: name } = input;
  if (directoryId !== undefined) {
    const fetch = (a: number, l: number) => collection.findBy(scope, 'DirectoryId', directoryId, a, l);
    if (userName === undefined) return fetch(after, limit);
    return filteredPage(fetch, after, limit, (ws) => sameUser(ws.UserName, userName));
  }
  if (bundleId !== undefined) return collection.findBy(scope, 'BundleId', bundleId, after, limit);
  const fetch = (a: number, l: number) => collection.page(scope, a, l);
  if (name !== undefined) return filteredPage(fetch, after, limit, (ws) => ws.WorkspaceName === name);
  return fetch(after, limit);
}

/** With eventual consistency, a WorkSpace created moments ago is not returned yet (src/faults/consistency.ts). */
const visibleNow = (ctx: RequestContext, found: WorkspaceDoc[]) =>
  ctx.consistency.visible(
    found,
    (ws) => ws.CreatedAt,
    () => ctx.now,
  );

// ---- batch lifecycle actions -----------------------------------------------------------------------------------

type Act = (ctx: RequestContext, ws: WorkspaceDoc) => void;

/** Runs `act` on each WorkSpace that accepts `action`; the others come back as FailedRequests. */
function applyToEach(
  ctx: RequestContext,
  ids: readonly (string | undefined)[],
  action: WorkspaceAction,
  act: Act,
): FailedWorkspaceChangeRequest[] {
  const failed: FailedWorkspaceChangeRequest[] = [];
  for (const id of ids) {
    if (id === undefined) {
      failed.push({ ErrorCode: 'InvalidParameterValues', ErrorMessage: 'A WorkspaceId is required in each request.' });
      continue;
    }
    const ws = docs(ctx).get(ctx.scope, id);
    const refusal = !ws || isGone(ws, action) ? notFoundRefusal(id) : actionRefusal(ws, action, ctx.now);
    if (refusal) failed.push({ WorkspaceId: id, ErrorCode: refusal.code, ErrorMessage: refusal.message });
    else if (ws) act(ctx, ws);
  }
  return failed;
}

/** A TERMINATED WorkSpace is still listed for a while but no longer exists for any action except terminate. */
const isGone = (ws: WorkspaceDoc, action: WorkspaceAction) => ws.State === 'TERMINATED' && action !== 'terminate';

/** Moves the WorkSpace into `state` and schedules the transition that ends that phase. */
function begin(
  ctx: RequestContext,
  ws: WorkspaceDoc,
  state: WorkspaceDoc['State'],
  ms: number,
  kind: string,
  payload?: unknown,
) {
  docs(ctx).put(ctx.scope, ws.WorkspaceId, withState(ws, state, ctx.now));
  ctx.engine.schedule(ctx.scope, ctx.now, ms, kind, ws.WorkspaceId, payload);
}

const start: Act = (ctx, ws) => begin(ctx, ws, 'STARTING', durations.workspaceStart, 'workspaces.started');
const stop: Act = (ctx, ws) => begin(ctx, ws, 'STOPPING', durations.workspaceStop, 'workspaces.stopped');
const reboot: Act = (ctx, ws) => begin(ctx, ws, 'REBOOTING', durations.workspaceReboot, 'workspaces.rebooted');

/** A rebuild recreates the system from the bundle's current image (UpdateWorkspaceBundle takes effect here). */
const rebuild: Act = (ctx, ws) => {
  const image = findBundle(ctx, ws.BundleId)?.ImageId ?? ws.ImageId;
  begin(ctx, merged(ws, { ImageId: image }), 'REBUILDING', durations.workspaceRebuild, 'workspaces.rebuilt');
};

const terminate: Act = (ctx, ws) => {
  if (ws.State === 'TERMINATING' || ws.State === 'TERMINATED') return;
  ctx.store.transitions.cancel(ctx.scope, ws.WorkspaceId);
  begin(
    ctx,
    merged(ws, { ModificationStates: [] }),
    'TERMINATING',
    durations.workspaceTerminate,
    'workspaces.terminated',
  );
};

// ---- ModifyWorkspaceProperties ---------------------------------------------------------------------------------

function modifyProperties(ctx: RequestContext, ws: WorkspaceDoc, requested: WorkspaceProperties): WorkspaceDoc {
  const current = ws.WorkspaceProperties ?? {};
  const plan = planModification(requested, {
    current: merged(current, {
      ComputeTypeName: current.ComputeTypeName ?? 'VALUE',
      RootVolumeSizeGib: current.RootVolumeSizeGib ?? 80,
      UserVolumeSizeGib: current.UserVolumeSizeGib ?? 10,
    }),
    launchedAt: ws.LaunchedAt ?? ws.CreatedAt,
    lastChanged: ws.LastChanged ?? {},
    now: ctx.now,
  });
  // The timeout goes away unless the plan keeps it (it belongs to AUTO_STOP only).
  const properties: WorkspaceProperties = { ...current };
  delete properties.RunningModeAutoStopTimeoutInMinutes;
  const updated: WorkspaceDoc = merged(ws, { WorkspaceProperties: merged(properties, plan.immediate) });
  if (plan.resources.length === 0) return updated;
  const lastChanged = { ...ws.LastChanged };
  for (const change of plan.rateLimited) lastChanged[change] = ctx.now;
  ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceModify / 2, 'workspaces.modifying', ws.WorkspaceId);
  ctx.engine.schedule(
    ctx.scope,
    ctx.now,
    durations.workspaceModify,
    'workspaces.modified',
    ws.WorkspaceId,
    plan.deferred,
  );
  return merged(updated, {
    LastChanged: lastChanged,
    ModificationStates: plan.resources.map((Resource) => ({ Resource, State: 'UPDATE_INITIATED' as const })),
  });
}

/**
 * Replication is set on a primary and applies to the pair: the primary's settings and standby properties and the
 * standby's settings (in its own Region) change together. A WorkSpace without a standby can only have none.
 */
function modifyReplication(ctx: RequestContext, ws: WorkspaceDoc, replication: DataReplication): WorkspaceDoc {
  const primaryLink = primaryLinkOf(ws);
  if (primaryLink) {
    throw invalidParameter(
      `The WorkSpace ${ws.WorkspaceId} is a standby WorkSpace. Set DataReplication on its primary WorkSpace ${primaryLink.WorkspaceId} in ${primaryLink.Region}.`,
    );
  }
  const standbyLink = standbyLinkOf(ws);
  if (!standbyLink) {
    if (replication !== 'NO_REPLICATION') {
      throw invalidParameter(`Data replication needs a standby WorkSpace, and ${ws.WorkspaceId} has none.`);
    }
    return merged(ws, { DataReplicationSettings: { DataReplication: 'NO_REPLICATION' as const } });
  }
  const standbyScope = linkedScope(ctx.scope, standbyLink);
  const standby =
    standbyLink.WorkspaceId === undefined ? undefined : docs(ctx).get(standbyScope, standbyLink.WorkspaceId);
  if (standby) docs(ctx).put(standbyScope, standby.WorkspaceId, withStandbyReplication(standby, replication));
  return withPrimaryReplication(ws, replication);
}

// ---- handlers --------------------------------------------------------------------------------------------------

const handlers: Handlers<
  | 'CreateWorkspaces'
  | 'DescribeWorkspaces'
  | 'StartWorkspaces'
  | 'StopWorkspaces'
  | 'RebootWorkspaces'
  | 'RebuildWorkspaces'
  | 'RestoreWorkspace'
  | 'TerminateWorkspaces'
  | 'ModifyWorkspaceProperties'
  | 'ModifyWorkspaceState'
  | 'DescribeWorkspacesConnectionStatus'
  | 'DescribeWorkspaceSnapshots'
> = {
  CreateWorkspaces(input, ctx) {
    const PendingRequests: Workspace[] = [];
    const FailedRequests: FailedCreateWorkspaceRequest[] = [];
    for (const request of input.Workspaces) {
      const outcome = launch(ctx, request);
      if ('workspace' in outcome) PendingRequests.push(outcome.workspace);
      else
        FailedRequests.push({
          WorkspaceRequest: request,
          ErrorCode: outcome.refusal.code,
          ErrorMessage: outcome.refusal.message,
        });
    }
    return { FailedRequests, PendingRequests };
  },

  DescribeWorkspaces(input, ctx) {
    checkDescribeFilters(input);
    const limit = input.Limit ?? DEFAULT_LIMIT;
    if (input.WorkspaceIds !== undefined) {
      const operation = 'DescribeWorkspaces.WorkspaceIds';
      const page = pageOfIds(ctx, input.WorkspaceIds, operation, input.NextToken, limit);
      const found = page.ids.map((id) => docs(ctx).get(ctx.scope, id)).filter((ws) => ws !== undefined);
      return withNextToken(ctx, operation, { Workspaces: visibleNow(ctx, found) }, page.next);
    }
    const page = listWorkspaces(ctx, input, decodeToken(ctx, 'DescribeWorkspaces', input.NextToken), limit);
    return withNextToken(ctx, 'DescribeWorkspaces', { Workspaces: visibleNow(ctx, page.items) }, page.next);
  },

  StartWorkspaces(input, ctx) {
    const ids = input.StartWorkspaceRequests.map((r) => r.WorkspaceId);
    return { FailedRequests: applyToEach(ctx, ids, 'start', start) };
  },

  StopWorkspaces(input, ctx) {
    const ids = input.StopWorkspaceRequests.map((r) => r.WorkspaceId);
    return { FailedRequests: applyToEach(ctx, ids, 'stop', stop) };
  },

  RebootWorkspaces(input, ctx) {
    const ids = input.RebootWorkspaceRequests.map((r) => r.WorkspaceId);
    return { FailedRequests: applyToEach(ctx, ids, 'reboot', reboot) };
  },

  RebuildWorkspaces(input, ctx) {
    const ids = input.RebuildWorkspaceRequests.map((r) => r.WorkspaceId);
    return { FailedRequests: applyToEach(ctx, ids, 'rebuild', rebuild) };
  },

  TerminateWorkspaces(input, ctx) {
    const ids = input.TerminateWorkspaceRequests.map((r) => r.WorkspaceId);
    return { FailedRequests: applyToEach(ctx, ids, 'terminate', terminate) };
  },

  RestoreWorkspace(input, ctx) {
    const ws: WorkspaceDoc = requireWorkspace(ctx, input.WorkspaceId);
    const refusal = actionRefusal(ws, 'restore', ctx.now);
    if (refusal) throw operationNotSupported(refusal.message);
    const snapshotTime = latestSnapshotTime(ws.LaunchedAt, ctx.now);
    if (snapshotTime === undefined) {
      throw operationNotSupported(`The WorkSpace ${ws.WorkspaceId} has no snapshot to restore from yet.`);
    }
    begin(ctx, ws, 'RESTORING', durations.workspaceRestore, 'workspaces.restored', { snapshotTime });
    return {};
  },

  ModifyWorkspaceProperties(input, ctx) {
    let ws: WorkspaceDoc = requireWorkspace(ctx, input.WorkspaceId);
    if (input.WorkspaceProperties === undefined && input.DataReplication === undefined) {
      throw invalidParameter('Specify WorkspaceProperties or DataReplication to modify.');
    }
    if (isModifying(ws)) throw new ServiceError('OperationInProgressException', MODIFICATION_IN_PROGRESS);
    if (ws.State !== 'AVAILABLE' && ws.State !== 'STOPPED') {
      throw invalidState(
        `The WorkSpace ${ws.WorkspaceId} must be AVAILABLE or STOPPED to be modified; it is ${ws.State}.`,
      );
    }
    if (input.DataReplication !== undefined) ws = modifyReplication(ctx, ws, input.DataReplication);
    if (input.WorkspaceProperties !== undefined) ws = modifyProperties(ctx, ws, input.WorkspaceProperties);
    docs(ctx).put(ctx.scope, ws.WorkspaceId, ws);
    return {};
  },

  ModifyWorkspaceState(input, ctx) {
    const ws: WorkspaceDoc = requireWorkspace(ctx, input.WorkspaceId);
    const target = input.WorkspaceState;
    if (ws.State === target) return {};
    const from = target === 'ADMIN_MAINTENANCE' ? 'AVAILABLE' : 'ADMIN_MAINTENANCE';
    if (ws.State !== from) {
      throw invalidState(`The WorkSpace ${ws.WorkspaceId} must be ${from} to be set to ${target}; it is ${ws.State}.`);
    }
    docs(ctx).put(ctx.scope, ws.WorkspaceId, withState(ws, target, ctx.now));
    return {};
  },

  DescribeWorkspacesConnectionStatus(input, ctx) {
    const operation = 'DescribeWorkspacesConnectionStatus';
    const toStatus = (ws: WorkspaceDoc) => ({
      WorkspaceId: ws.WorkspaceId,
      ConnectionState: connectionStateOf(ws.State),
      ConnectionStateCheckTimestamp: toDate(ctx.now),
    });
    if (input.WorkspaceIds !== undefined) {
      const idsOperation = `${operation}.WorkspaceIds`;
      const page = pageOfIds(ctx, input.WorkspaceIds, idsOperation, input.NextToken, DEFAULT_LIMIT);
      const found = page.ids.map((id) => docs(ctx).get(ctx.scope, id)).filter((ws) => ws !== undefined);
      return withNextToken(ctx, idsOperation, { WorkspacesConnectionStatus: found.map(toStatus) }, page.next);
    }
    const page = docs(ctx).page(ctx.scope, decodeToken(ctx, operation, input.NextToken), DEFAULT_LIMIT);
    return withNextToken(ctx, operation, { WorkspacesConnectionStatus: page.items.map(toStatus) }, page.next);
  },

  DescribeWorkspaceSnapshots(input, ctx) {
    const ws: WorkspaceDoc = requireWorkspace(ctx, input.WorkspaceId);
    const time = latestSnapshotTime(ws.LaunchedAt, ctx.now);
    const snapshots = time === undefined ? [] : [{ SnapshotTime: toDate(time) }];
    return { RebuildSnapshots: snapshots, RestoreSnapshots: snapshots };
  },
};

// ---- transitions -----------------------------------------------------------------------------------------------

type Effect = (ctx: TransitionContext, ws: WorkspaceDoc, payload: unknown) => WorkspaceDoc;

type WorkspaceTransition = keyof typeof transitionTable.workspace;

/** A WorkSpace whose change a fault made fail: UNHEALTHY once the change is made, else ERROR or its prior state. */
function failed(ctx: TransitionContext, ws: WorkspaceDoc, fault: TransitionFault, done?: Effect, payload?: unknown) {
  const state = fault.outcome as WorkspaceDoc['State'];
  const next = withState(ws, state, ctx.now);
  if (state === 'UNHEALTHY') return done ? done(ctx, next, payload) : next;
  if (state !== 'ERROR' || ws.State !== 'PENDING') return next;
  const defaults = failureDefaults.workspace;
  return merged(next, {
    ErrorCode: fault.errorCode ?? defaults.errorCode,
    ErrorMessage: fault.errorMessage ?? defaults.errorMessage,
  });
}

/**
 * Ends a phase: if the WorkSpace is still in `from` (it may have been terminated or moved on meanwhile), it enters
 * `to` and `effect` runs, unless a transition fault makes the change fail.
 */
function settle(
  from: WorkspaceDoc['State'],
  to: WorkspaceDoc['State'],
  effect?: Effect,
  transition?: WorkspaceTransition,
): TransitionApplier {
  return (ctx, id, payload) => {
    const ws = docs(ctx).get(ctx.scope, id);
    if (!ws || ws.State !== from) return;
    const fault =
      transition &&
      takeTransitionFault(ctx.store, ctx.now, { resource: 'workspace', transition, scope: ctx.scope, id });
    if (fault) {
      docs(ctx).put(ctx.scope, id, failed(ctx, ws, fault, effect, payload));
      return;
    }
    const next = withState(ws, to, ctx.now);
    docs(ctx).put(ctx.scope, id, effect ? effect(ctx, next, payload) : next);
  };
}

/** The applications a WorkSpace has after launch or rebuild: its bundle's, or its image's if the bundle is gone. */
function installBundleApplications(ctx: TransitionContext, ws: WorkspaceDoc): void {
  const bundle = findBundle(ctx, ws.BundleId);
  const applications = bundle
    ? applicationsOfBundle(ctx, ctx.scope, bundle)
    : installedApplications(ctx, { scope: ctx.scope, type: 'IMAGE', id: ws.ImageId });
  setInstalledApplications(ctx, workspaceRef(ctx.scope, ws.WorkspaceId), applications);
}

/** A stable private address and Windows-style computer name derived from the id (AWS assigns them at launch). */
function networkIdentity(id: string): Pick<WorkspaceDoc, 'IpAddress' | 'ComputerName'> {
  const suffix = id.slice(3);
  const code = [...suffix].reduce((sum, ch, i) => sum + ch.charCodeAt(0) * (i + 1), 0);
  return {
    IpAddress: `10.0.${(code % 254) + 1}.${(Math.floor(code / 254) % 254) + 1}`,
    ComputerName: `WSAMZN-${suffix.slice(0, 8).toUpperCase()}`,
  };
}

const launched: Effect = (ctx, ws) => {
  installBundleApplications(ctx, ws);
  return merged(ws, { LaunchedAt: ctx.now, ...networkIdentity(ws.WorkspaceId) });
};

const rebuilt: Effect = (ctx, ws) => {
  installBundleApplications(ctx, ws);
  return ws;
};

const restored: Effect = (ctx, ws, payload) => {
  const { snapshotTime } = payload as { snapshotTime: number };
  const ref = workspaceRef(ctx.scope, ws.WorkspaceId);
  const rows = ctx.store.associations.forResource(ctx.scope, 'WORKSPACE', ws.WorkspaceId);
  setInstalledApplications(ctx, ref, applicationsAtSnapshot(rows, snapshotTime));
  return ws;
};

/** A terminated primary or standby no longer names the other, and the other no longer names it. */
function unlinkRelated(ctx: TransitionContext, ws: WorkspaceDoc): void {
  for (const link of ws.RelatedWorkspaces ?? []) {
    const scope = linkedScope(ctx.scope, link);
    const other = link.WorkspaceId === undefined ? undefined : docs(ctx).get(scope, link.WorkspaceId);
    if (other) docs(ctx).put(scope, other.WorkspaceId, withoutLinkTo(other, ws.WorkspaceId));
  }
}

const terminated: Effect = (ctx, ws) => {
  unlinkRelated(ctx, ws);
  clearAssociations(ctx, workspaceRef(ctx.scope, ws.WorkspaceId));
  ctx.store.tags.removeAll(ctx.scope, ws.WorkspaceId);
  // Stored TERMINATED first, so the bundle no longer counts this WorkSpace among its users.
  docs(ctx).put(ctx.scope, ws.WorkspaceId, ws);
  releaseQueuedBundle(ctx, ws.BundleId);
  ctx.engine.schedule(ctx.scope, ctx.now, durations.workspaceTerminatedVisible, 'workspaces.removed', ws.WorkspaceId);
  return ws;
};

const removed: TransitionApplier = (ctx, id) => {
  if (docs(ctx).get(ctx.scope, id)?.State === 'TERMINATED') docs(ctx).delete(ctx.scope, id);
};

const modificationRunning: TransitionApplier = (ctx, id) => {
  const ws = docs(ctx).get(ctx.scope, id);
  if (!ws || !isModifying(ws)) return;
  const ModificationStates = (ws.ModificationStates ?? []).map((m) =>
    merged(m, { State: 'UPDATE_IN_PROGRESS' as const }),
  );
  docs(ctx).put(ctx.scope, id, merged(ws, { ModificationStates }));
};

const modificationDone: TransitionApplier = (ctx, id, payload) => {
  const ws = docs(ctx).get(ctx.scope, id);
  if (!ws || !isModifying(ws)) return;
  const WorkspaceProperties = merged(ws.WorkspaceProperties ?? {}, payload as WorkspaceProperties);
  docs(ctx).put(ctx.scope, id, merged(ws, { WorkspaceProperties, ModificationStates: [] }));
};

export const workspacesFamily: Family = {
  handlers,
  transitions: {
    'workspaces.created': settle('PENDING', 'AVAILABLE', launched, 'create'),
    'workspaces.started': settle('STARTING', 'AVAILABLE', undefined, 'start'),
    'workspaces.stopped': settle('STOPPING', 'STOPPED', undefined, 'stop'),
    'workspaces.rebooted': settle('REBOOTING', 'AVAILABLE', undefined, 'reboot'),
    'workspaces.rebuilt': settle('REBUILDING', 'AVAILABLE', rebuilt, 'rebuild'),
    'workspaces.restored': settle('RESTORING', 'AVAILABLE', restored, 'restore'),
    'workspaces.terminated': settle('TERMINATING', 'TERMINATED', terminated),
    'workspaces.removed': removed,
    'workspaces.modifying': modificationRunning,
    'workspaces.modified': modificationDone,
  },
};
