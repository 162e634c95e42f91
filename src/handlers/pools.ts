// The WorkSpaces Pools family: creating, listing, starting, stopping, updating and terminating pools, and their
// streaming sessions. Every state change is a scheduled transition (docs/behaviour/pools.md).
import { isQueuedForDeletion, queuedForDeletionMessage } from '../domain/bundle-rules.js';
import { durations } from '../domain/durations.js';
import { isLinux } from '../domain/operating-systems.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import {
  applicationSettings,
  isBusy,
  mergeTimeouts,
  type PoolRecord,
  type PoolSessionRecord,
  poolArn,
  poolFilter,
  toWirePool,
  toWireSession,
} from '../domain/pool-rules.js';
import type { BundleRecord } from '../domain/records.js';
import type { TransitionApplier } from '../engine/engine.js';
import {
  alreadyExists,
  invalidParameter,
  invalidState,
  limitExceeded,
  notFound,
  operationNotSupported,
  ServiceError,
} from '../errors.js';
import { failureDefaults, takeTransitionFault } from '../faults/transitions.js';
import type {
  UpdateWorkspacesPoolRequest,
  WorkspacesPoolErrorCode,
  WorkspacesPoolState,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Page } from '../store/types.js';
import { requireBundle, requireDirectory } from './lookups.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

const DEFAULT_LIMIT = 25;
/** DescribeWorkspacesPoolSessions: "The default value is 20 and the maximum value is 50" (model). */
const DEFAULT_SESSION_LIMIT = 20;
const SCAN_BATCH = 100;
const DESCRIBE = 'DescribeWorkspacesPools';
const DESCRIBE_IDS = `${DESCRIBE}/PoolIds`;
const DESCRIBE_SESSIONS = 'DescribeWorkspacesPoolSessions';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;

const pools = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<PoolRecord>('pool');

function requirePool(ctx: Ctx, poolId: string): PoolRecord {
  const pool = pools(ctx).get(ctx.scope, poolId);
  if (!pool) throw notFound('WorkSpaces pool', poolId);
  return pool;
}

function savePool(ctx: Ctx, pool: PoolRecord): void {
  pools(ctx).put(ctx.scope, pool.PoolId, pool);
}

/** Every pool of the caller's scope, read in batches (bounded by the pools quota). */
function* allPools(ctx: Ctx): Generator<PoolRecord> {
  for (let after = 0; ; ) {
    const page = pools(ctx).page(ctx.scope, after, SCAN_BATCH);
    yield* page.items;
    if (page.next === undefined) return;
    after = page.next;
  }
}

/** Up to `limit` pools that pass `keep`; never reads more rows than matches still wanted, so `next` stays exact. */
function scanPools(ctx: Ctx, keep: (pool: PoolRecord) => boolean, after: number, limit: number): Page<PoolRecord> {
  const items: PoolRecord[] = [];
  let position = after;
  while (items.length < limit) {
    const batch = pools(ctx).page(ctx.scope, position, limit - items.length);
    items.push(...batch.items.filter(keep));
    if (batch.next === undefined) return { items, next: undefined };
    position = batch.next;
  }
  return { items, next: position };
}

/** A slice of an in-memory list; the token holds the index of the next item. */
function slicePage<T>(
  ctx: RequestContext,
  items: readonly T[],
  operation: string,
  token: string | undefined,
  limit: number,
) {
  const start = decodeToken(ctx, operation, token);
  const end = start + limit;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { NextToken: encodeToken(ctx, operation, end) } : {}),
  };
}

// ---- checks ------------------------------------------------------------------------------------------------------

function requirePoolsDirectory(ctx: Ctx, directoryId: string): void {
  const directory = requireDirectory(ctx, directoryId);
  if (directory.WorkspaceType !== 'POOLS') {
    throw operationNotSupported(
      `The directory ${directoryId} is not registered for WorkSpaces Pools. Register a directory with WorkspaceType POOLS, and try again.`,
    );
  }
  if (directory.State !== 'REGISTERED') {
    throw invalidParameter(
      `The directory ${directoryId} is ${directory.State}. A pool can use only a REGISTERED directory.`,
    );
  }
}

function requirePoolBundle(ctx: Ctx, bundleId: string): BundleRecord {
  const bundle = requireBundle(ctx, bundleId);
  if (isQueuedForDeletion(bundle)) throw invalidParameter(queuedForDeletionMessage(bundleId));
  if (bundle.State !== undefined && bundle.State !== 'AVAILABLE') {
    throw invalidParameter(`The bundle ${bundleId} is ${bundle.State}. A pool can use only an AVAILABLE bundle.`);
  }
  if (isLinux(bundle.OperatingSystemName)) {
    throw operationNotSupported(
      `The bundle ${bundleId} runs ${bundle.OperatingSystemName}; WorkSpaces Pools support Windows bundles only.`,
    );
  }
  return bundle;
}

function checkNewPool(ctx: Pick<RequestContext, 'scope' | 'store' | 'config'>, name: string): void {
  for (const pool of allPools(ctx)) {
    if (pool.PoolName === name) {
      throw alreadyExists(`A pool named ${name} already exists in this Region. Choose another name, and try again.`);
    }
  }
  const quota = ctx.config.quotas.pools;
  if (pools(ctx).count(ctx.scope) >= quota) {
    throw limitExceeded(`You have reached the limit of ${quota} WorkSpaces pools in this Region.`);
  }
}

/** OperationInProgressException while another operation runs on the pool, InvalidResourceStateException otherwise. */
function stateError(pool: PoolRecord, action: string): ServiceError {
  if (isBusy(pool)) {
    return new ServiceError(
      'OperationInProgressException',
      `The pool ${pool.PoolId} is ${pool.State}. Wait until the current operation completes, and try again.`,
    );
  }
  return invalidState(`The pool ${pool.PoolId} cannot be ${action} while its state is ${pool.State}.`);
}

// ---- lifecycle ---------------------------------------------------------------------------------------------------

/** Moves the pool into `state` and schedules the transition that ends that phase. */
function begin(ctx: RequestContext, pool: PoolRecord, state: WorkspacesPoolState, ms: number, kind: string) {
  const next: PoolRecord = merged(pool, { State: state });
  savePool(ctx, next);
  ctx.engine.schedule(ctx.scope, ctx.now, ms, kind, pool.PoolId);
  return next;
}

/** The pool with the requested changes; a new running mode or directory needs a STOPPED pool. */
function applyUpdate(ctx: Ctx, pool: PoolRecord, input: UpdateWorkspacesPoolRequest): PoolRecord {
  const changesMode = input.RunningMode !== undefined && input.RunningMode !== pool.RunningMode;
  const changesDirectory = input.DirectoryId !== undefined && input.DirectoryId !== pool.DirectoryId;
  if (pool.State !== 'STOPPED' && (changesMode || changesDirectory)) {
    throw invalidState(
      `The running mode and directory of a pool can be changed only while it is STOPPED; the pool ${pool.PoolId} is ${pool.State}.`,
    );
  }
  if (changesDirectory) requirePoolsDirectory(ctx, input.DirectoryId ?? pool.DirectoryId);
  if (input.BundleId !== undefined) requirePoolBundle(ctx, input.BundleId);
  return merged(pool, {
    Description: input.Description ?? pool.Description,
    BundleId: input.BundleId ?? pool.BundleId,
    DirectoryId: input.DirectoryId ?? pool.DirectoryId,
    RunningMode: input.RunningMode ?? pool.RunningMode,
    DesiredUserSessions: input.Capacity === undefined ? pool.DesiredUserSessions : input.Capacity.DesiredUserSessions,
    ApplicationSettings:
      input.ApplicationSettings === undefined
        ? pool.ApplicationSettings
        : applicationSettings(ctx.scope, input.ApplicationSettings),
    TimeoutSettings:
      input.TimeoutSettings === undefined
        ? pool.TimeoutSettings
        : mergeTimeouts(pool.TimeoutSettings, input.TimeoutSettings),
  });
}

/** New capacity or a new bundle reaches a RUNNING fleet through an UPDATING phase; the rest applies at once. */
const needsReprovisioning = (before: PoolRecord, after: PoolRecord) =>
  before.State === 'RUNNING' &&
  (after.DesiredUserSessions !== before.DesiredUserSessions || after.BundleId !== before.BundleId);

function findSession(ctx: Ctx, sessionId: string): { pool: PoolRecord; session: PoolSessionRecord } | undefined {
  for (const pool of allPools(ctx)) {
    const session = pool.Sessions.find((s) => s.SessionId === sessionId);
    if (session) return { pool, session };
  }
  return undefined;
}

// ---- handlers ----------------------------------------------------------------------------------------------------

const handlers: Handlers<
  | 'CreateWorkspacesPool'
  | 'DescribeWorkspacesPools'
  | 'StartWorkspacesPool'
  | 'StopWorkspacesPool'
  | 'UpdateWorkspacesPool'
  | 'TerminateWorkspacesPool'
  | 'DescribeWorkspacesPoolSessions'
  | 'TerminateWorkspacesPoolSession'
> = {
  CreateWorkspacesPool(input, ctx) {
    requirePoolsDirectory(ctx, input.DirectoryId);
    requirePoolBundle(ctx, input.BundleId);
    checkNewPool(ctx, input.PoolName);
    const poolId = ctx.ids.next('wspool');
    const pool: PoolRecord = {
      PoolId: poolId,
      PoolArn: poolArn(ctx.scope, poolId),
      PoolName: input.PoolName,
      Description: input.Description,
      State: 'CREATING',
      CreatedAt: ctx.now,
      BundleId: input.BundleId,
      DirectoryId: input.DirectoryId,
      DesiredUserSessions: input.Capacity.DesiredUserSessions,
      ActualUserSessions: 0,
      ApplicationSettings: applicationSettings(ctx.scope, input.ApplicationSettings),
      TimeoutSettings: mergeTimeouts(undefined, input.TimeoutSettings),
      RunningMode: input.RunningMode ?? 'AUTO_STOP',
      Sessions: [],
    };
    savePool(ctx, pool);
    applyCreationTags(ctx, poolId, input.Tags);
    ctx.engine.schedule(ctx.scope, ctx.now, durations.poolCreate, 'pools.created', poolId);
    return { WorkspacesPool: toWirePool(pool) };
  },

  DescribeWorkspacesPools(input, ctx) {
    const limit = input.Limit ?? DEFAULT_LIMIT;
    const keep = poolFilter(input.Filters);
    if (input.PoolIds !== undefined) {
      const requested = [...new Set(input.PoolIds)].map((id) => requirePool(ctx, id)).filter(keep);
      const page = slicePage(ctx, requested, DESCRIBE_IDS, input.NextToken, limit);
      return { WorkspacesPools: page.items.map(toWirePool), ...(page.NextToken && { NextToken: page.NextToken }) };
    }
    const page = scanPools(ctx, keep, decodeToken(ctx, DESCRIBE, input.NextToken), limit);
    return {
      WorkspacesPools: page.items.map(toWirePool),
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, DESCRIBE, page.next) }),
    };
  },

  StartWorkspacesPool(input, ctx) {
    const pool = requirePool(ctx, input.PoolId);
    if (pool.State !== 'STOPPED') throw stateError(pool, 'started');
    begin(ctx, pool, 'STARTING', durations.poolStart, 'pools.started');
    return {};
  },

  StopWorkspacesPool(input, ctx) {
    const pool = requirePool(ctx, input.PoolId);
    if (pool.State !== 'RUNNING') throw stateError(pool, 'stopped');
    begin(ctx, pool, 'STOPPING', durations.poolStop, 'pools.stopped');
    return {};
  },

  UpdateWorkspacesPool(input, ctx) {
    const pool = requirePool(ctx, input.PoolId);
    if (pool.State !== 'STOPPED' && pool.State !== 'RUNNING') throw stateError(pool, 'updated');
    const updated = applyUpdate(ctx, pool, input);
    if (needsReprovisioning(pool, updated)) {
      return { WorkspacesPool: toWirePool(begin(ctx, updated, 'UPDATING', durations.poolUpdate, 'pools.updated')) };
    }
    savePool(ctx, updated);
    return { WorkspacesPool: toWirePool(updated) };
  },

  TerminateWorkspacesPool(input, ctx) {
    const pool = requirePool(ctx, input.PoolId);
    if (pool.State === 'STOPPED') begin(ctx, pool, 'DELETING', durations.poolDelete, 'pools.deleted');
    else if (pool.State === 'RUNNING') {
      begin(ctx, merged(pool, { DeleteWhenStopped: true }), 'STOPPING', durations.poolStop, 'pools.stopped');
    } else throw stateError(pool, 'terminated');
    return {};
  },

  DescribeWorkspacesPoolSessions(input, ctx) {
    const pool = requirePool(ctx, input.PoolId);
    const { UserId } = input;
    const sessions = UserId === undefined ? pool.Sessions : pool.Sessions.filter((s) => s.UserId === UserId);
    const page = slicePage(ctx, sessions, DESCRIBE_SESSIONS, input.NextToken, input.Limit ?? DEFAULT_SESSION_LIMIT);
    return {
      Sessions: page.items.map((session) => toWireSession(pool, session)),
      ...(page.NextToken && { NextToken: page.NextToken }),
    };
  },

  TerminateWorkspacesPoolSession(input, ctx) {
    const found = findSession(ctx, input.SessionId);
    if (!found) throw notFound('pool session', input.SessionId);
    const { pool } = found;
    if (pool.State === 'STOPPING' || pool.State === 'DELETING') {
      throw new ServiceError(
        'OperationInProgressException',
        `The sessions of pool ${pool.PoolId} are already ending because the pool is ${pool.State}.`,
      );
    }
    savePool(ctx, merged(pool, { Sessions: pool.Sessions.filter((s) => s !== found.session) }));
    return {};
  },
};

// ---- transitions -------------------------------------------------------------------------------------------------

type Effect = (pool: PoolRecord) => PoolRecord;

/** Ends a phase: a pool still in `from` (it may be gone or have moved on) enters `to`, and `effect` runs. */
function settle(from: WorkspacesPoolState, to: WorkspacesPoolState, effect?: Effect): TransitionApplier {
  return (tctx, poolId) => {
    const pool = pools(tctx).get(tctx.scope, poolId);
    if (pool?.State !== from) return;
    const next: PoolRecord = merged(pool, { State: to });
    savePool(tctx, effect ? effect(next) : next);
  };
}

/** The fleet reaches the desired capacity. */
const provisioned: Effect = (pool) => merged(pool, { ActualUserSessions: pool.DesiredUserSessions });

/** A stopped pool has no instances, so every session ends. */
const released: Effect = (pool) => merged(pool, { ActualUserSessions: 0, Sessions: [] });

/** A pool terminated while RUNNING goes on to DELETING instead of resting in STOPPED. */
const stopped: TransitionApplier = (tctx, poolId) => {
  const pool = pools(tctx).get(tctx.scope, poolId);
  if (pool?.State !== 'STOPPING') return;
  const next = released(merged(pool, { State: 'STOPPED' as const }));
  if (!pool.DeleteWhenStopped) {
    savePool(tctx, next);
    return;
  }
  savePool(tctx, merged(next, { State: 'DELETING' as const }));
  tctx.engine.schedule(tctx.scope, tctx.now, durations.poolDelete, 'pools.deleted', poolId);
};

/** A start a fault makes fail leaves the pool STOPPED with the error in its Errors. */
const started: TransitionApplier = (tctx, poolId) => {
  const pool = pools(tctx).get(tctx.scope, poolId);
  if (pool?.State !== 'STARTING') return;
  const scope = tctx.scope;
  const fault = takeTransitionFault(tctx.store, tctx.now, { resource: 'pool', transition: 'start', scope, id: poolId });
  if (!fault) {
    savePool(tctx, provisioned(merged(pool, { State: 'RUNNING' as const, Errors: [] })));
    return;
  }
  const defaults = failureDefaults.pool;
  const error = {
    ErrorCode: (fault.errorCode ?? defaults.errorCode) as WorkspacesPoolErrorCode,
    ErrorMessage: fault.errorMessage ?? defaults.errorMessage,
  };
  savePool(tctx, merged(pool, { State: 'STOPPED' as const, Errors: [error] }));
};

const deleted: TransitionApplier = (tctx, poolId) => {
  if (pools(tctx).get(tctx.scope, poolId)?.State !== 'DELETING') return;
  pools(tctx).delete(tctx.scope, poolId);
  tctx.store.tags.removeAll(tctx.scope, poolId);
};

export const poolsFamily: Family = {
  handlers,
  transitions: {
    'pools.created': settle('CREATING', 'STOPPED'),
    'pools.started': started,
    'pools.updated': settle('UPDATING', 'RUNNING', provisioned),
    'pools.stopped': stopped,
    'pools.deleted': deleted,
  },
};
