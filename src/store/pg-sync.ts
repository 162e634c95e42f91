// A synchronous PostgreSQL connection: the `pg` client runs in a worker thread and the calling thread blocks on a
// shared flag (Atomics.wait) until the worker has posted the answer, which it takes with receiveMessageOnPort. The
// store interface and every handler stay synchronous, exactly as with SQLite (see docs/scale-out.md for why).
import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** An error PostgreSQL (or the connection to it) reported; `code` is the SQLSTATE when there is one. */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface SyncPg {
  /** `prefix`: a statement without parameters run first in the same trip (a transaction's BEGIN). */
  query(text: string, values?: readonly unknown[], prefix?: string): PgResult;
  close(): void;
}

/** A statement that has not answered by then means PostgreSQL is gone or stuck: the request fails instead of hanging. */
const ANSWER_TIMEOUT_MS = 120_000;

/**
 * The worker's code, run as a CommonJS script (eval), so it needs no file of its own beside the sources, the built
 * package or the bundled command. BIGINT (identity columns, counts) is read as a number: these stay far below 2^53.
 */
const workerSource = `
'use strict';
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
pg.types.setTypeParser(20, Number);
const { port, flag, url } = workerData;
const client = new pg.Client({ connectionString: url });
let failure;
client.on('error', (e) => { failure = e; });
const ready = client.connect().catch((e) => { failure = e; });
function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', async (request) => {
  await ready;
  if (request.close) {
    await client.end().catch(() => {});
    reply({ rows: [], rowCount: 0 });
    port.close();
    return;
  }
  if (failure) return reply({ error: { message: 'PostgreSQL connection failed: ' + failure.message, code: failure.code } });
  try {
    if (request.prefix) await client.query(request.prefix);
    const r = await client.query(request.text, request.values);
    reply({ rows: r.rows, rowCount: r.rowCount || 0 });
  } catch (e) {
    reply({ error: { message: e.message, code: e.code } });
  }
});
`;

interface Answer {
  rows: Record<string, unknown>[];
  rowCount: number;
  error?: { message: string; code?: string };
}

function awaitAnswer(port: MessagePort, flag: Int32Array): Answer {
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) return received.message as Answer;
    if (Atomics.wait(flag, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
      throw new PgError(`no answer from PostgreSQL within ${ANSWER_TIMEOUT_MS / 1000} s`, undefined);
    }
  }
}

/** Opens one connection to `url`; the first statement waits for the connection and reports its failure. */
export function connectSync(url: string): SyncPg {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const pgPath = createRequire(import.meta.url).resolve('pg');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { port: port2, flag, url, pgPath },
    transferList: [port2],
  });
  worker.unref();
  let open = true;
  const call = (request: object): Answer => {
    if (!open) throw new PgError('the PostgreSQL connection is closed', undefined);
    Atomics.store(flag, 0, 0);
    port1.postMessage(request);
    return awaitAnswer(port1, flag);
  };
  return {
    query(text, values = [], prefix = undefined) {
      const answer = call({ text, values, prefix });
      if (answer.error) throw new PgError(answer.error.message, answer.error.code);
      return answer;
    },
    close() {
      if (!open) return;
      call({ close: true });
      open = false;
      port1.close();
      void worker.terminate();
    },
  };
}
