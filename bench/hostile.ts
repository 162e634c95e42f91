// Hostile bodies before auth: what refusing a 10 MB body of nested brackets costs, and the p99 other clients see
// while such bodies keep arriving, beside the same load without them.
import { request as httpRequest } from 'node:http';
import type { Request } from 'autocannon';
import type { BenchOptions } from './benchmark.js';
import { awsRequest } from './fixtures.js';
import { type LoadResult, runLoad } from './load.js';
import { startEmulatorChild } from './processes.js';
import { median } from './stats.js';

export interface HostileResult {
  bodyBytes: number;
  /** Milliseconds from sending a hostile body to its whole refusal (or its reset), over a fresh connection each. */
  refusalMs: number[];
  refusalMedianMs: number;
  /** Refusals (samples and attack) whose client saw its writes fail before it read the answer. */
  resetBeforeAnswer: number;
  /** The describe load alone, then with hostile bodies arriving back to back from `attackers` connections. */
  quiet: LoadResult;
  underAttack: LoadResult;
  attackers: number;
  hostileSent: number;
}

const BODY_BYTES = 10 * 1024 * 1024 - 1024;
const REFUSAL_SAMPLES = 10;
const ATTACKERS = 2;

const hostileRequest = (): Request =>
  Object.assign(awsRequest('DescribeWorkspaces', {}), { body: Buffer.alloc(BODY_BYTES, '[') });

/**
 * Sends a hostile body and resolves with the answer, or 'reset'. The server answers from the first chunk and closes
 * without reading the rest, so this client's remaining writes fail; when that failure comes before the answer is
 * read, the answer is lost: such a body was refused all the same.
 */
function sendUnread(url: string, hostile: Request): Promise<{ status: number; body: string } | 'reset'> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: hostile.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    req.end(hostile.body ?? '');
  });
}

interface Refusal {
  ms: number;
  reset: boolean;
}

async function refusal(url: string, hostile: Request): Promise<Refusal> {
  const started = performance.now();
  const answer = await sendUnread(url, hostile);
  const ms = performance.now() - started;
  if (answer === 'reset') return { ms, reset: true };
  if (answer.status !== 400 || !answer.body.includes('SerializationException')) {
    throw new Error(`a hostile body was answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return { ms, reset: false };
}

/** Sends hostile bodies back to back until `until` settles; resolves with what each met. */
async function attack(url: string, hostile: Request, until: Promise<unknown>): Promise<Refusal[]> {
  let done = false;
  until.finally(() => {
    done = true;
  });
  const met: Refusal[] = [];
  while (!done) met.push(await refusal(url, hostile));
  return met;
}

export async function runHostile(options: BenchOptions): Promise<HostileResult> {
  options.progress('hostile bodies: refusal cost, then describe p99 without and with them');
  const emulator = await startEmulatorChild(options.build, undefined, {}, { nodeFlags: options.emulatorNodeFlags });
  try {
    const hostile = hostileRequest();
    const describe = awsRequest('DescribeWorkspaceDirectories', {});
    const samples: Refusal[] = [];
    for (let i = 0; i < REFUSAL_SAMPLES; i++) samples.push(await refusal(emulator.url, hostile));
    const { connections, roundSeconds, roundLeadInSeconds } = options.plan;
    const quiet = await runLoad(emulator.url, [describe], roundSeconds, connections, roundLeadInSeconds);
    const load = runLoad(emulator.url, [describe], roundSeconds, connections, roundLeadInSeconds);
    const sent = (
      await Promise.all(Array.from({ length: ATTACKERS }, () => attack(emulator.url, hostile, load)))
    ).flat();
    const all = [...samples, ...sent];
    return {
      bodyBytes: BODY_BYTES,
      refusalMs: samples.map((sample) => sample.ms),
      refusalMedianMs: median(samples.map((sample) => sample.ms)),
      resetBeforeAnswer: all.filter((sample) => sample.reset).length,
      quiet,
      underAttack: await load,
      attackers: ATTACKERS,
      hostileSent: sent.length,
    };
  } finally {
    await emulator.stop();
  }
}
