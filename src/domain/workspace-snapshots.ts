// WorkSpace snapshots as the emulator models them: AWS backs up a WorkSpace every 12 hours, so the latest snapshot
// is the last 12-hour mark since the WorkSpace first became AVAILABLE. Restores bring back what it had installed then.
import type { AssociationRecord } from '../store/types.js';
import { UNINSTALL_ERROR } from './application-rules.js';

export const SNAPSHOT_INTERVAL_MS = 12 * 3_600_000;

/** Epoch ms of the most recent snapshot, or undefined before the WorkSpace was first AVAILABLE. */
export function latestSnapshotTime(launchedAt: number | undefined, now: number): number | undefined {
  if (launchedAt === undefined || now < launchedAt) return undefined;
  return launchedAt + Math.floor((now - launchedAt) / SNAPSHOT_INTERVAL_MS) * SNAPSHOT_INTERVAL_MS;
}

// A failed uninstall leaves the application installed, so a restore brings it back like any other uninstall.
const uninstallStates = new Set([
  'PENDING_UNINSTALL_DEPLOYMENT',
  'PENDING_UNINSTALL',
  'UNINSTALLING',
  'REMOVED',
  UNINSTALL_ERROR,
]);

/**
 * Applications installed at `snapshotTime`, read from today's association rows (no history is kept):
 * COMPLETED rows unchanged since then were installed; rows that moved into an uninstall state after it were
 * still installed then, and so were rows waiting to be uninstalled at that time. Everything else was not.
 */
export function applicationsAtSnapshot(rows: readonly AssociationRecord[], snapshotTime: number): string[] {
  return rows
    .filter((row) => {
      if (row.created > snapshotTime) return false;
      const changedSince = row.updated > snapshotTime;
      if (row.state === 'COMPLETED') return !changedSince;
      if (!uninstallStates.has(row.state)) return false;
      return changedSince || row.state !== 'REMOVED';
    })
    .map((row) => row.applicationId);
}
