// Pure rules of "Manage applications": which WorkSpaces and applications fit together, how an association moves
// through its states, and which deployments fail (shared/reference/application-management.md §3–§6).
import type {
  AssociationErrorCode,
  AssociationState,
  Compute,
  OperatingSystemName,
  WorkspaceState,
} from '../model/generated/types.js';
import type { CatalogApplication } from './applications-catalog.js';

/**
 * A failed uninstall is stored apart from a failed install: both read as ERROR on the wire, but a forced retry
 * repeats the step that failed (§5), so the store has to remember which one it was.
 */
export const UNINSTALL_ERROR = 'UNINSTALL_ERROR';
export type StoredAssociationState = AssociationState | typeof UNINSTALL_ERROR;

export function wireState(stored: string): AssociationState {
  return stored === UNINSTALL_ERROR ? 'ERROR' : (stored as AssociationState);
}

export const isFailed = (state: string): boolean => state === 'ERROR' || state === UNINSTALL_ERROR;

/** States of an association taken into a deployment that has not finished yet. */
const DEPLOYING: ReadonlySet<string> = new Set(['PENDING_INSTALL', 'INSTALLING', 'PENDING_UNINSTALL', 'UNINSTALLING']);

export const isDeploying = (state: string): boolean => DEPLOYING.has(state);

// ---- The WorkSpace side (§3) ----

/** Applications are managed only on a WorkSpace that is AVAILABLE or STOPPED [AG-apps]. */
export const canManageApplications = (state: WorkspaceState): boolean => state === 'AVAILABLE' || state === 'STOPPED';

// ---- The application side (§2) ----

/** Only AVAILABLE catalog entries can be installed; UNINSTALL_ONLY ones (Office 2016/2019) only removed. */
export const isInstallable = (app: CatalogApplication): boolean => app.State === 'AVAILABLE';

export const supportsOperatingSystem = (app: CatalogApplication, os: OperatingSystemName | undefined): boolean =>
  os !== undefined && app.SupportedOperatingSystemNames.includes(os);

export const supportsCompute = (app: CatalogApplication, compute: Compute | undefined): boolean =>
  compute !== undefined && app.SupportedComputeTypeNames.includes(compute);

// ---- The association state machine (§5) ----

export type AssociateOutcome = 'CREATE' | 'REVERT_UNINSTALL' | 'ALREADY_ASSOCIATED' | 'DEPLOYING';

/**
 * What AssociateWorkspaceApplication does with the association currently in `state` (undefined: none). A pending
 * uninstall always belongs to an installed application (a failed install is dropped on Disassociate, never queued
 * for uninstall), so reverting it to COMPLETED never makes an application appear that was not installed.
 */
export function associateOutcome(state: string | undefined): AssociateOutcome {
  if (state === undefined || state === 'REMOVED') return 'CREATE';
  if (state === 'PENDING_UNINSTALL_DEPLOYMENT') return 'REVERT_UNINSTALL';
  if (isDeploying(state)) return 'DEPLOYING';
  return 'ALREADY_ASSOCIATED';
}

export type DisassociateOutcome =
  | 'NOT_ASSOCIATED'
  | 'DROP_NOT_INSTALLED'
  | 'QUEUE_UNINSTALL'
  | 'UNCHANGED'
  | 'DEPLOYING';

/** What DisassociateWorkspaceApplication does with the association currently in `state` (undefined: none). */
export function disassociateOutcome(state: string | undefined): DisassociateOutcome {
  if (state === undefined || state === 'REMOVED') return 'NOT_ASSOCIATED';
  // Never installed (not deployed yet, or its install failed): nothing to uninstall, so nothing waits for a deployment.
  if (state === 'PENDING_INSTALL_DEPLOYMENT' || state === 'ERROR') return 'DROP_NOT_INSTALLED';
  if (state === 'PENDING_UNINSTALL_DEPLOYMENT') return 'UNCHANGED';
  if (isDeploying(state)) return 'DEPLOYING';
  return 'QUEUE_UNINSTALL';
}

export type PendingState = 'PENDING_INSTALL' | 'PENDING_UNINSTALL';

/** The state DeployWorkspaceApplications moves an association to, or undefined when it is not part of the deployment. */
export function deploymentStart(state: string, force: boolean): PendingState | undefined {
  if (state === 'PENDING_INSTALL_DEPLOYMENT') return 'PENDING_INSTALL';
  if (state === 'PENDING_UNINSTALL_DEPLOYMENT') return 'PENDING_UNINSTALL';
  if (!force) return undefined;
  if (state === 'ERROR') return 'PENDING_INSTALL';
  if (state === UNINSTALL_ERROR) return 'PENDING_UNINSTALL';
  return undefined;
}

/** After the queue delay: PENDING_INSTALL → INSTALLING, PENDING_UNINSTALL → UNINSTALLING. */
export function runningState(state: string): 'INSTALLING' | 'UNINSTALLING' | undefined {
  if (state === 'PENDING_INSTALL') return 'INSTALLING';
  if (state === 'PENDING_UNINSTALL') return 'UNINSTALLING';
  return undefined;
}

/** Where an installing or uninstalling association ends. */
export function finishedState(state: string, failed: boolean): StoredAssociationState | undefined {
  if (state === 'INSTALLING') return failed ? 'ERROR' : 'COMPLETED';
  if (state === 'UNINSTALLING') return failed ? UNINSTALL_ERROR : 'REMOVED';
  return undefined;
}

// ---- Incompatible combinations (§4) ----

/**
 * Associations whose application is on the WorkSpace or on its way there. Pending or failed uninstalls do not count,
 * which is what lets one deployment remove one set and install another.
 */
const COUNTS_TOWARD_COMPATIBILITY: ReadonlySet<string> = new Set([
  'PENDING_INSTALL_DEPLOYMENT',
  'PENDING_INSTALL',
  'INSTALLING',
  'COMPLETED',
  'ERROR',
]);

export const countsTowardCompatibility = (state: string): boolean => COUNTS_TOWARD_COMPATIBILITY.has(state);

export interface Conflict {
  first: CatalogApplication;
  second: CatalogApplication;
  rule: 'EDITION' | 'VERSION' | 'ONE_VISUAL_STUDIO';
}

const OFFICE_SUITE: ReadonlySet<string> = new Set(['OFFICE', 'VISIO', 'PROJECT']);

function conflictBetween(a: CatalogApplication, b: CatalogApplication): Conflict['rule'] | undefined {
  if (a.ApplicationId === b.ApplicationId) return undefined;
  if (OFFICE_SUITE.has(a.family) && OFFICE_SUITE.has(b.family)) {
    if (a.version !== b.version) return 'VERSION';
    if (a.edition !== b.edition) return 'EDITION';
    // Same edition and version: two Office suites (or two Visios) cannot both be that unless they are the same app.
    if (a.family === b.family) return 'EDITION';
    return undefined;
  }
  if (a.family === 'VISUAL_STUDIO' && b.family === 'VISUAL_STUDIO') return 'ONE_VISUAL_STUDIO';
  return undefined;
}

/** The first application of `others` that may not share a WorkSpace with `app`, as a conflict. */
export function findConflictWith(app: CatalogApplication, others: readonly CatalogApplication[]): Conflict | undefined {
  for (const other of others) {
    const rule = conflictBetween(other, app);
    if (rule) return { first: other, second: app, rule };
  }
  return undefined;
}

/** The first pair of applications that may not share a WorkSpace, if any. */
export function findConflict(apps: readonly CatalogApplication[]): Conflict | undefined {
  for (const [i, app] of apps.entries()) {
    const conflict = findConflictWith(app, apps.slice(0, i));
    if (conflict) return conflict;
  }
  return undefined;
}

export function describeConflict({ first, second, rule }: Conflict): string {
  const why =
    rule === 'ONE_VISUAL_STUDIO'
      ? 'only one edition of Visual Studio can be installed on a WorkSpace'
      : `Office, Visio and Project on one WorkSpace must share one ${rule === 'EDITION' ? 'edition' : 'version'}`;
  return `${second.Name} is not compatible with ${first.Name}: ${why}.`;
}

// ---- Deployment failures (§6) ----

export interface DeploymentFailure {
  ErrorCode: AssociationErrorCode;
  ErrorMessage: string;
}

/**
 * Free space a fresh Windows root volume of the smallest size (80 GiB) offers applications: 20 GiB, the free space
 * AWS requires of a Windows image before it installs Office on it [AG byol-windows-images], and enough for the 18 GiB
 * Visual Studio's default workloads need [AG-apps], which AWS supports on its 80 GiB Performance and Power bundles.
 * Larger root volumes add their extra size to it. (Chosen model; see docs/behaviour/applications.md.)
 */
const FREE_ON_SMALLEST_ROOT_GIB = 20;
const SMALLEST_WINDOWS_ROOT_GIB = 80;

/** What Windows and the image take of a root volume before any managed application. */
export const OS_FOOTPRINT_GIB = SMALLEST_WINDOWS_ROOT_GIB - FREE_ON_SMALLEST_ROOT_GIB;

/**
 * Installs of one deployment that the root volume cannot hold, by ApplicationId. `installed` stay on the WorkSpace
 * during the deployment (uninstalls of the same deployment have already freed their space); `installing` are
 * placed in order, each using up what it needs.
 */
export function diskSpaceFailures(
  rootVolumeGib: number,
  installed: readonly CatalogApplication[],
  installing: readonly CatalogApplication[],
): Map<string, DeploymentFailure> {
  let free = rootVolumeGib - OS_FOOTPRINT_GIB - installed.reduce((sum, app) => sum + app.diskGib, 0);
  const failures = new Map<string, DeploymentFailure>();
  for (const app of installing) {
    if (app.diskGib > free) {
      failures.set(app.ApplicationId, {
        ErrorCode: 'ValidationError.InsufficientDiskSpace',
        ErrorMessage: `${app.Name} needs ${app.diskGib} GB of free space on the root volume; ${Math.max(free, 0)} GB is free.`,
      });
    } else {
      free -= app.diskGib;
    }
  }
  return failures;
}
