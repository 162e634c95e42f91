// WorkSpace property rules: compute families, the root/user volume groups, running modes, protocols, and what a
// ModifyWorkspaceProperties request may change and when (admin guide pages modify-workspaces and running-mode).
import { invalidParameter, invalidState, ServiceError } from '../errors.js';
import type {
  Compute,
  ModificationResourceEnum,
  OperatingSystemName,
  Protocol,
  RunningMode,
  WorkspaceProperties,
} from '../model/generated/types.js';
import { isLinux } from './operating-systems.js';
import type { RateLimitedChange } from './workspace-doc.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Volumes and larger compute types: once per 6 h, and not before 6 h after launch. */
const GROW_INTERVAL_MS = 6 * HOUR_MS;
const SHRINK_COMPUTE_INTERVAL_MS = 30 * DAY_MS;
const MAX_VOLUME_GIB = 2000;
const DEFAULT_AUTO_STOP_MINUTES = 60;

type ComputeFamily = 'Graphics' | 'GeneralPurpose' | 'Regular';

function computeFamily(compute: Compute): ComputeFamily {
  if (compute.startsWith('GRAPHICS')) return 'Graphics';
  if (compute.startsWith('GENERALPURPOSE')) return 'GeneralPurpose';
  return 'Regular';
}

/** Compute types a WorkSpace can switch between, smallest first; GPU types cannot switch. */
const switchableComputes: readonly Compute[] = [
  'VALUE',
  'STANDARD',
  'PERFORMANCE',
  'POWER',
  'POWERPRO',
  'GENERALPURPOSE_4XLARGE',
  'GENERALPURPOSE_8XLARGE',
];

const within = (value: number, min: number) => value >= min && value <= MAX_VOLUME_GIB;

const volumeGroups: Record<ComputeFamily, { text: string; allows: (root: number, user: number) => boolean }> = {
  Regular: {
    text: '(80|10), (80|50), (80|100) or (175+|100+)',
    allows: (root, user) => (root === 80 && [10, 50, 100].includes(user)) || (within(root, 175) && within(user, 100)),
  },
  GeneralPurpose: { text: '(175+|100+)', allows: (root, user) => within(root, 175) && within(user, 100) },
  Graphics: { text: '(100+|100+)', allows: (root, user) => within(root, 100) && within(user, 100) },
};

/** The whole-call error AWS answers for a volume pair outside the compute type's groups (wording from AWS). */
export function checkVolumeGroup(compute: Compute, root: number, user: number): void {
  const family = computeFamily(compute);
  const group = volumeGroups[family];
  if (!group.allows(root, user)) {
    throw invalidParameter(
      `${family}: Invalid root and user volume size selected. Root and user volume size (GB) must be ${group.text}.`,
    );
  }
}

/** Windows WorkSpaces start on PCoIP, Linux ones on DCV (WSP), the only protocol they support. */
export function defaultProtocols(os: OperatingSystemName): Protocol[] {
  return isLinux(os) ? ['WSP'] : ['PCOIP'];
}

export interface Refusal {
  code: string;
  message: string;
}

export const isRefusal = (value: object): value is Refusal => 'code' in value && 'message' in value;

/** Running mode and AutoStop timeout as CreateWorkspaces reports them per request (codes as in moto). */
export function runningModeRefusal(mode: RunningMode, timeout: number | undefined): Refusal | undefined {
  if (timeout === undefined) return undefined;
  if (mode === 'ALWAYS_ON') {
    return {
      code: 'AutoStopTimeoutIsNotApplicableForAnAlwaysOnWorkspace',
      message:
        'RunningModeAutoStopTimeoutInMinutes is not applicable for WorkSpace with running mode set to ALWAYS_ON.',
    };
  }
  if (mode === 'MANUAL') {
    return {
      code: 'AutoStopTimeoutIsNotDefaultForManualWorkspace',
      message: 'RunningModeAutoStopTimeoutInMinutes is not applicable for WorkSpace with running mode set to MANUAL.',
    };
  }
  if (timeout < 0 || timeout % 60 !== 0) {
    return {
      code: 'InvalidParameterValues',
      message: 'RunningModeAutoStopTimeoutInMinutes must be configured in 60-minute intervals.',
    };
  }
  return undefined;
}

/** RunningMode with its timeout: AUTO_STOP keeps one (0 or none means the 60-minute default), others have none. */
export function runningModeProperties(
  mode: RunningMode,
  timeout: number | undefined,
): Pick<WorkspaceProperties, 'RunningMode' | 'RunningModeAutoStopTimeoutInMinutes'> {
  if (mode !== 'AUTO_STOP') return { RunningMode: mode };
  return { RunningMode: mode, RunningModeAutoStopTimeoutInMinutes: timeout || DEFAULT_AUTO_STOP_MINUTES };
}

export interface ModificationPlan {
  /** Applied at once: running mode, its timeout, Global Accelerator. */
  immediate: WorkspaceProperties;
  /** Applied when the modification completes; ModificationStates shows them meanwhile. */
  deferred: WorkspaceProperties;
  resources: ModificationResourceEnum[];
  /** The rate-limited changes this request makes. */
  rateLimited: RateLimitedChange[];
}

export interface ModificationContext {
  current: WorkspaceProperties & { ComputeTypeName: Compute; RootVolumeSizeGib: number; UserVolumeSizeGib: number };
  launchedAt: number;
  lastChanged: Partial<Record<RateLimitedChange, number>>;
  now: number;
}

const unsupported = (message: string) => new ServiceError('UnsupportedWorkspaceConfigurationException', message);

function planRunningMode(requested: WorkspaceProperties, ctx: ModificationContext): WorkspaceProperties {
  const mode = requested.RunningMode ?? ctx.current.RunningMode ?? 'ALWAYS_ON';
  const refusal = runningModeRefusal(mode, requested.RunningModeAutoStopTimeoutInMinutes);
  if (refusal) throw invalidParameter(refusal.message);
  const keptTimeout = mode === ctx.current.RunningMode ? ctx.current.RunningModeAutoStopTimeoutInMinutes : undefined;
  return runningModeProperties(mode, requested.RunningModeAutoStopTimeoutInMinutes ?? keptTimeout);
}

function isDue(last: number | undefined, interval: number, now: number): boolean {
  return last === undefined || now - last >= interval;
}

function planVolume(
  which: 'ROOT_VOLUME' | 'USER_VOLUME',
  from: number,
  to: number,
  compute: Compute,
  ctx: ModificationContext,
): void {
  const name = which === 'ROOT_VOLUME' ? 'root' : 'user';
  if (to < from) throw invalidParameter(`The ${name} volume of a WorkSpace cannot be decreased (it is ${from} GB).`);
  const root = which === 'ROOT_VOLUME' ? to : ctx.current.RootVolumeSizeGib;
  const user = which === 'USER_VOLUME' ? to : ctx.current.UserVolumeSizeGib;
  checkVolumeGroup(compute, root, user);
  const grown = isDue(ctx.lastChanged[which], GROW_INTERVAL_MS, ctx.now);
  if (!grown || ctx.now - ctx.launchedAt < GROW_INTERVAL_MS) {
    throw invalidState(
      `The ${name} volume of a WorkSpace can be increased once in a 6-hour period, starting 6 hours after launch.`,
    );
  }
}

function planCompute(from: Compute, to: Compute, ctx: ModificationContext): RateLimitedChange {
  const fromRank = switchableComputes.indexOf(from);
  const toRank = switchableComputes.indexOf(to);
  if (fromRank < 0 || toRank < 0) {
    throw unsupported(
      `The compute type cannot be changed from ${from} to ${to}: only Value, Standard, Performance, Power, PowerPro and GeneralPurpose WorkSpaces switch compute types.`,
    );
  }
  checkVolumeGroup(to, ctx.current.RootVolumeSizeGib, ctx.current.UserVolumeSizeGib);
  if (toRank > fromRank) {
    if (!isDue(ctx.lastChanged.COMPUTE_UP, GROW_INTERVAL_MS, ctx.now) || ctx.now - ctx.launchedAt < GROW_INTERVAL_MS) {
      throw invalidState(
        'A larger compute type can be requested once in a 6-hour period, starting 6 hours after launch.',
      );
    }
    return 'COMPUTE_UP';
  }
  if (!isDue(ctx.lastChanged.COMPUTE_DOWN, SHRINK_COMPUTE_INTERVAL_MS, ctx.now)) {
    throw invalidState('A smaller compute type can be requested once every 30 days.');
  }
  return 'COMPUTE_DOWN';
}

function sameProtocols(a: readonly Protocol[], b: readonly Protocol[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}

function planProtocols(to: Protocol[], os: OperatingSystemName | undefined, compute: Compute): void {
  if (computeFamily(compute) === 'Graphics') {
    throw unsupported('The protocol of a WorkSpace using a GPU-based bundle cannot be changed.');
  }
  if (os === 'WINDOWS_7') throw unsupported('The protocol of a Windows 7 WorkSpace cannot be changed.');
  if (os !== undefined && isLinux(os) && to.includes('PCOIP')) {
    throw unsupported('Linux WorkSpaces support only the WSP (DCV) protocol.');
  }
}

/**
 * What a ModifyWorkspaceProperties request changes. Throws the whole-call error AWS answers: one volume at a time,
 * never volumes together with the compute type, volumes only grow, and the rate limits of the admin guide.
 */
export function planModification(requested: WorkspaceProperties, ctx: ModificationContext): ModificationPlan {
  const { current } = ctx;
  const immediate: WorkspaceProperties = planRunningMode(requested, ctx);
  if (requested.GlobalAccelerator) immediate.GlobalAccelerator = requested.GlobalAccelerator;
  if (requested.OperatingSystemName !== undefined && requested.OperatingSystemName !== current.OperatingSystemName) {
    throw invalidParameter('The operating system of a WorkSpace cannot be changed by ModifyWorkspaceProperties.');
  }
  const plan: ModificationPlan = { immediate, deferred: {}, resources: [], rateLimited: [] };
  const root = requested.RootVolumeSizeGib ?? current.RootVolumeSizeGib;
  const user = requested.UserVolumeSizeGib ?? current.UserVolumeSizeGib;
  const compute = requested.ComputeTypeName ?? current.ComputeTypeName;
  const rootChanges = root !== current.RootVolumeSizeGib;
  const userChanges = user !== current.UserVolumeSizeGib;
  const computeChanges = compute !== current.ComputeTypeName;
  if (rootChanges && userChanges) {
    throw invalidParameter('The root and user volumes of a WorkSpace cannot be increased at the same time.');
  }
  if ((rootChanges || userChanges) && computeChanges) {
    throw invalidParameter('The volume sizes and the compute type of a WorkSpace cannot be changed at the same time.');
  }
  if (rootChanges) {
    planVolume('ROOT_VOLUME', current.RootVolumeSizeGib, root, compute, ctx);
    plan.deferred.RootVolumeSizeGib = root;
    plan.resources.push('ROOT_VOLUME');
    plan.rateLimited.push('ROOT_VOLUME');
  }
  if (userChanges) {
    planVolume('USER_VOLUME', current.UserVolumeSizeGib, user, compute, ctx);
    plan.deferred.UserVolumeSizeGib = user;
    plan.resources.push('USER_VOLUME');
    plan.rateLimited.push('USER_VOLUME');
  }
  if (computeChanges) {
    plan.rateLimited.push(planCompute(current.ComputeTypeName, compute, ctx));
    plan.deferred.ComputeTypeName = compute;
    plan.resources.push('COMPUTE_TYPE');
  }
  const protocols = requested.Protocols;
  if (protocols && !sameProtocols(protocols, current.Protocols ?? [])) {
    planProtocols(protocols, current.OperatingSystemName, compute);
    plan.deferred.Protocols = protocols;
    plan.resources.push('PROTOCOL');
  }
  return plan;
}
