// WAL checkpoints for a file store, off the request thread. SQLite's automatic checkpoint runs inside a commit every
// 1 000 pages and fsyncs the WAL and then the database: a stall of milliseconds that every request in flight waits
// for. Here a worker thread with its own connection copies the WAL into the database after writes, with PRAGMA
// wal_checkpoint(PASSIVE), which neither blocks a writer nor waits for one. Commits are unchanged: in the WAL before
// they return, so a killed process loses nothing acknowledged.
//
// The bound: SQLite rewinds the WAL to its start only when a write begins with every frame already copied, which a
// background checkpoint racing a steady stream of writes never achieves; left alone, the WAL would grow with every
// write. So the request thread keeps its automatic checkpoint, set to fire at the bound: SQLite checks the WAL's
// length at every commit at no cost. That checkpoint finds the checkpoint lock free while the worker naps between two
// of its own, copies the few frames the worker has not, and the next write rewinds the WAL. The WAL thus outgrows the
// bound by at most what is written during one background checkpoint.
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/**
 * The WAL length at which a commit checkpoints on the request thread: a stall like that of SQLite's own checkpoint
 * (2 fsyncs, milliseconds), at a sixteenth of its rate. 64 MB is about 16 000 pages, some 3 000 writes of the
 * benchmark's kind (about five pages each): with 16 requests in flight the stall reaches about 0.5 % of them, clear of
 * the p99, where half the bound would reach 1 %. Opening the store after `kill -9` replays what the WAL holds: about
 * 60 ms for 64 MB.
 */
export const DEFAULT_WAL_BOUND_BYTES = 64 * 1024 * 1024;

/**
 * After each checkpoint the worker lets writes gather this long: fewer fsyncs for the same pages copied, and the
 * request thread's checkpoint at the bound finds the lock free.
 */
const NAP_MS = 10;
/** How long close() waits for the worker to finish a checkpoint and close its connection. */
const STOP_TIMEOUT_MS = 10_000;

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/**
 * Slots of the memory the two threads share: a count of write transactions, whether the worker waits for the next one
 * (only then does a write need to wake it), and the stop and closed flags.
 */
const WRITES = 0;
const WAITING = 1;
const STOP = 2;
const CLOSED = 3;

// CommonJS run with `eval`, so that no separate file has to be found next to this module, built or bundled.
const workerSource = `
'use strict';
const { workerData } = require('node:worker_threads');
const { driver, path, buffer, napMs } = workerData;
const signals = new Int32Array(buffer);
const [WRITES, WAITING, STOP, CLOSED] = [${WRITES}, ${WAITING}, ${STOP}, ${CLOSED}];

function checkpointAfterWrites() {
  const Database = require(driver);
  const db = new Database(path, { fileMustExist: true });
  try {
    const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    let seen = 0;
    for (;;) {
      Atomics.store(signals, WAITING, 1);
      Atomics.wait(signals, WRITES, seen);
      Atomics.store(signals, WAITING, 0);
      if (Atomics.load(signals, STOP) === 1) return;
      seen = Atomics.load(signals, WRITES);
      checkpoint.run();
      Atomics.wait(signals, STOP, 0, napMs);
    }
  } finally {
    db.close();
  }
}

try {
  checkpointAfterWrites();
} finally {
  Atomics.store(signals, CLOSED, 1);
  Atomics.notify(signals, CLOSED);
}
`;

export interface Checkpointer {
  /** After each commit, with the store's change count: if anything was written, the worker hears of it. */
  committed(changeCount: number): void;
  /** Stops the worker and waits until its connection is closed, so that the store's own close is the last one. */
  stop(): void;
}

/** The request thread checkpoints only at the bound; a WAL that one transaction grew past it is cut back to it. */
function checkpointAtBound(db: Database.Database, boundBytes: number): void {
  const frameBytes = (db.pragma('page_size', { simple: true }) as number) + FRAME_HEADER_BYTES;
  const boundFrames = Math.max(1, Math.floor((boundBytes - WAL_HEADER_BYTES) / frameBytes));
  db.pragma(`wal_autocheckpoint = ${boundFrames}`);
  db.pragma(`journal_size_limit = ${boundBytes}`);
}

function startWorker(db: Database.Database, path: string, signals: Int32Array): import('node:worker_threads').Worker {
  // Loaded here, not at the top: worker_threads costs ~3 ms of every start, and only data-dir stores need it.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(workerSource, {
    eval: true,
    // The worker needs none of the process's flags, and some would break it (--input-type=module) or slow it
    // (--import tsx, --cpu-prof).
    execArgv: [],
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      buffer: signals.buffer,
      napMs: NAP_MS,
    },
  });
  worker.unref();
  worker.on('error', (error) => {
    if (!db.open) return;
    db.pragma('wal_autocheckpoint = 1000');
    process.emitWarning(`WAL checkpoints are back on the request thread: their worker failed: ${error.message}`);
  });
  return worker;
}

/**
 * Checkpoints the database at `path`, open in WAL mode on `db` (the request thread's connection), in a worker thread
 * that never keeps the process alive.
 */
export function startCheckpointer(db: Database.Database, path: string, boundBytes: number): Checkpointer {
  checkpointAtBound(db, boundBytes);
  const signals = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const worker = startWorker(db, path, signals);
  let exited = false;
  worker.on('exit', () => {
    exited = true;
  });

  const wake = () => {
    Atomics.add(signals, WRITES, 1);
    if (Atomics.load(signals, WAITING) === 1) Atomics.notify(signals, WRITES);
  };
  let changesSeen = -1;
  let stopped = false;
  return {
    committed(changes) {
      if (changes === changesSeen) return;
      changesSeen = changes;
      wake();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(signals, STOP, 1);
      wake();
      Atomics.notify(signals, STOP);
      if (!exited && Atomics.wait(signals, CLOSED, 0, STOP_TIMEOUT_MS) === 'timed-out') void worker.terminate();
    },
  };
}
