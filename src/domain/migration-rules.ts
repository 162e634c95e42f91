// MigrateWorkspace rules from the Administration Guide (migrate-workspaces, migrate-linux-workspaces): which source
// states and bundle pairs AWS accepts, and the volume sizes the new WorkSpace gets.
import type { Compute, OperatingSystemName, WorkspaceState } from '../model/generated/types.js';
import { isLinux } from './operating-systems.js';
import type { WorkspaceDoc } from './workspace-doc.js';

/** The WorkSpace being migrated remembers the WorkSpace that replaces it until the migration ends. */
export interface MigratingWorkspace extends WorkspaceDoc {
  MigratingTo?: string;
}

/** "Make sure that the WorkSpaces you want to migrate have a status of AVAILABLE, STOPPED, or ERROR." */
const migratableStates: ReadonlySet<WorkspaceState> = new Set(['AVAILABLE', 'STOPPED', 'ERROR']);

/** States in which another operation is still running on the WorkSpace. */
const busyStates: ReadonlySet<WorkspaceState> = new Set([
  'PENDING',
  'STARTING',
  'STOPPING',
  'REBOOTING',
  'REBUILDING',
  'RESTORING',
  'UPDATING',
  'SUSPENDED',
  'MAINTENANCE',
  'TERMINATING',
]);

export type StateVerdict = 'ok' | 'busy' | 'unavailable';

export function migrationStateVerdict(state: WorkspaceState): StateVerdict {
  if (migratableStates.has(state)) return 'ok';
  return busyStates.has(state) ? 'busy' : 'unavailable';
}

export interface MigrationEnd {
  os: OperatingSystemName;
  /** Launched from (or targeting) a Bring Your Own License image, i.e. one with RequiredTenancy DEDICATED. */
  byol: boolean;
  compute: Compute;
}

/** Why AWS refuses to migrate between these two ends (OperationNotSupportedException), or undefined. */
export function migrationRefusal(from: MigrationEnd, to: MigrationEnd): string | undefined {
  if (to.os === 'WINDOWS_7') return 'WorkSpaces cannot be migrated to a Windows 7 bundle.';
  if (isLinux(from.os) !== isLinux(to.os)) {
    return 'WorkSpaces cannot be migrated between Windows and Linux bundles.';
  }
  if (to.os === 'AMAZON_LINUX_2') return 'WorkSpaces cannot be migrated to an Amazon Linux 2 bundle.';
  if (from.os === 'WINDOWS_11' && to.os === 'WINDOWS_10') {
    return 'WorkSpaces cannot be migrated from Windows 11 to Windows 10.';
  }
  if (from.os === 'WINDOWS_7' && to.os === 'WINDOWS_11') {
    return 'Windows 7 WorkSpaces must be migrated to Windows 10 before they can be migrated to Windows 11.';
  }
  if (to.os === 'WINDOWS_11' && to.compute === 'VALUE') return 'Value bundles are not supported on Windows 11.';
  if (from.byol && !to.byol) return 'BYOL WorkSpaces can be migrated only to other BYOL bundles.';
  if (!from.byol && to.byol)
    return 'WorkSpaces created from public or custom bundles cannot be migrated to a BYOL bundle.';
  return undefined;
}

export interface Volumes {
  root: number;
  user: number;
}

/**
 * "The root volume increases to match the default root volume size for the new bundle. If you had already specified
 * a different size for the user volume than the default for the original bundle, that same user volume size is
 * retained. Otherwise, the migration process uses the larger of the source WorkSpace user volume size and the
 * default user volume size for the new bundle."
 */
export function migratedVolumes(current: Volumes, sourceBundle: Volumes | undefined, targetBundle: Volumes): Volumes {
  const customUser = sourceBundle !== undefined && current.user !== sourceBundle.user;
  return {
    root: Math.max(current.root, targetBundle.root),
    user: customUser ? current.user : Math.max(current.user, targetBundle.user),
  };
}
