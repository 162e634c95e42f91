// WorkSpaces Pools as the emulator keeps them: the stored record, which state accepts which action, the default
// settings AWS fills in, the PoolName filters of DescribeWorkspacesPools, and the record → wire projection.
import type {
  ApplicationSettingsRequest,
  ApplicationSettingsResponse,
  CapacityStatus,
  DescribeWorkspacesPoolsFilter,
  PoolsRunningMode,
  TimeoutSettings,
  WorkspacesPool,
  WorkspacesPoolError,
  WorkspacesPoolSession,
  WorkspacesPoolState,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope } from '../store/types.js';
import { partitionOf } from './directory-record.js';
import { toDate } from './records.js';

/** A pool session as stored inside its pool; times are epoch milliseconds. */
export interface PoolSessionRecord extends Omit<WorkspacesPoolSession, 'StartTime' | 'ExpirationTime' | 'PoolId'> {
  StartTime?: number;
  ExpirationTime?: number;
}

export interface PoolRecord {
  PoolId: string;
  PoolArn: string;
  PoolName: string;
  Description: string;
  State: WorkspacesPoolState;
  CreatedAt: number;
  BundleId: string;
  /** Indexed by the store: the directories family refuses to deregister a directory a pool uses. */
  DirectoryId: string;
  DesiredUserSessions: number;
  /** Session slots provisioned: the desired capacity once the pool is RUNNING, 0 while it is stopped. */
  ActualUserSessions: number;
  ApplicationSettings: ApplicationSettingsResponse;
  TimeoutSettings: TimeoutSettings;
  RunningMode: PoolsRunningMode;
  /** Streaming sessions. Nobody streams from the emulator: they exist only when a test writes them here. */
  Sessions: PoolSessionRecord[];
  /** Set by TerminateWorkspacesPool on a RUNNING pool: once STOPPED it goes on to DELETING. */
  DeleteWhenStopped?: boolean;
  /** Why the latest start failed (a transition fault); cleared by a start that succeeds. */
  Errors?: WorkspacesPoolError[];
}

/** States in which another operation is still running on the pool. */
const busyStates: ReadonlySet<WorkspacesPoolState> = new Set(['CREATING', 'STARTING', 'STOPPING', 'UPDATING']);

export const isBusy = (pool: PoolRecord): boolean => busyStates.has(pool.State);

export function poolArn(scope: Scope, poolId: string): string {
  return `arn:${partitionOf(scope.region)}:workspaces:${scope.region}:${scope.account}:workspacespool/${poolId}`;
}

/** Timeouts of a pool created without TimeoutSettings (chosen: AWS does not document its defaults). */
const DEFAULT_TIMEOUTS: Required<TimeoutSettings> = {
  DisconnectTimeoutInSeconds: 900,
  IdleDisconnectTimeoutInSeconds: 900,
  MaxUserDurationInSeconds: 57_600,
};

export function mergeTimeouts(
  current: TimeoutSettings | undefined,
  requested: TimeoutSettings | undefined,
): TimeoutSettings {
  return merged(merged(DEFAULT_TIMEOUTS, current ?? {}), requested ?? {});
}

/** The bucket persistent application settings live in: one per account and Region, as AWS describes it. */
export function settingsBucketName(scope: Scope): string {
  return `wspool-app-settings-${scope.region}-${scope.account}`;
}

export function applicationSettings(
  scope: Scope,
  requested: ApplicationSettingsRequest | undefined,
): ApplicationSettingsResponse {
  if (requested === undefined || requested.Status === 'DISABLED') return { Status: 'DISABLED' };
  return {
    Status: 'ENABLED',
    ...(requested.SettingsGroup === undefined ? {} : { SettingsGroup: requested.SettingsGroup }),
    S3BucketName: settingsBucketName(scope),
  };
}

/** Every session occupies a slot until it ends, connected or not; AvailableUserSessions = Actual − Active. */
export function capacityStatus(pool: PoolRecord): CapacityStatus {
  const active = pool.Sessions.length;
  return {
    AvailableUserSessions: Math.max(0, pool.ActualUserSessions - active),
    DesiredUserSessions: pool.DesiredUserSessions,
    ActualUserSessions: pool.ActualUserSessions,
    ActiveUserSessions: active,
  };
}

export function toWirePool(pool: PoolRecord): WorkspacesPool {
  return {
    PoolId: pool.PoolId,
    PoolArn: pool.PoolArn,
    CapacityStatus: capacityStatus(pool),
    PoolName: pool.PoolName,
    Description: pool.Description,
    State: pool.State,
    CreatedAt: toDate(pool.CreatedAt),
    BundleId: pool.BundleId,
    DirectoryId: pool.DirectoryId,
    ApplicationSettings: pool.ApplicationSettings,
    TimeoutSettings: pool.TimeoutSettings,
    RunningMode: pool.RunningMode,
    ...(pool.Errors?.length ? { Errors: pool.Errors } : {}),
  };
}

export function toWireSession(pool: PoolRecord, session: PoolSessionRecord): WorkspacesPoolSession {
  const { StartTime, ExpirationTime, ...rest } = session;
  return merged(rest, {
    PoolId: pool.PoolId,
    ...(StartTime === undefined ? {} : { StartTime: toDate(StartTime) }),
    ...(ExpirationTime === undefined ? {} : { ExpirationTime: toDate(ExpirationTime) }),
  });
}

function matchesFilter(name: string, filter: DescribeWorkspacesPoolsFilter): boolean {
  switch (filter.Operator) {
    case 'EQUALS':
      return filter.Values.includes(name);
    case 'NOTEQUALS':
      return !filter.Values.includes(name);
    case 'CONTAINS':
      return filter.Values.some((value) => name.includes(value));
    case 'NOTCONTAINS':
      return !filter.Values.some((value) => name.includes(value));
  }
}

/** Filters combine with AND; within one filter, EQUALS/CONTAINS match any value and NOT* match none. */
export function poolFilter(filters: readonly DescribeWorkspacesPoolsFilter[] = []): (pool: PoolRecord) => boolean {
  return (pool) => filters.every((filter) => matchesFilter(pool.PoolName, filter));
}
