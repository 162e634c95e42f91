// Group commit for a file store. Each commit writes every page it changed to the WAL, two system calls a page, plus
// the locking around it: with 16 requests in flight that was most of a durable write's cost. Here the transactions
// of all requests handled in one turn of the event loop share one SQLite transaction, committed when the turn ends
// (setImmediate). Each request's own transaction is a savepoint inside it, so a failing request still rolls back
// alone; and a request is answered only once the commit that holds its writes is done (settled()), so what was
// acknowledged is in the WAL exactly as before. Pages that several requests change are written once per turn.
import type Database from 'better-sqlite3';

export interface GroupCommit {
  /** Opens the turn's transaction if none is open; call before each transaction of a request. */
  join(): void;
  /** Resolves once everything written so far is committed; rejects if that commit failed and was rolled back. */
  settled(): Promise<void>;
  /** Commits the open transaction now (before closing the store). */
  flush(): void;
}

interface OpenGroup {
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function openGroup(): OpenGroup {
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers await settled() when they care; a failed commit must not also surface as an unhandled rejection.
  done.catch(() => {});
  return { done, resolve, reject };
}

const SETTLED = Promise.resolve();

/**
 * `committed` runs after each commit; `rolledBack` after a commit failed and everything of the turn was undone.
 */
export function createGroupCommit(db: Database.Database, committed: () => void, rolledBack: () => void): GroupCommit {
  let open: OpenGroup | undefined;

  const commit = (): void => {
    const group = open;
    if (!group) return;
    open = undefined;
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      rolledBack();
      group.reject(error);
      return;
    }
    committed();
    group.resolve();
  };

  return {
    join() {
      // Already inside one: this turn's, or a transaction of someone's own that a savepoint nests in.
      if (open || db.inTransaction) return;
      db.exec('BEGIN');
      open = openGroup();
      setImmediate(commit);
    },
    settled: () => open?.done ?? SETTLED,
    flush: commit,
  };
}
