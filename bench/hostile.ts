// Hostile bodies before auth: what refusing a 10 MB body of nested brackets costs, and the p99 other clients see
// while such bodies keep arriving, beside the same load without them.
import type { Request } from 'autocannon';
import type { BenchOptions } from './benchmark.js';
import { awsRequest } from './fixtures.js';
import { type LoadResult, runLoad } from './load.js';
import { send, startEmulatorChild } from './processes.js';
import { median } from './stats.js';

export interface HostileResult {
  bodyBytes: number;
  /** Milliseconds from sending a hostile body to its whole refusal, over a fresh connection each. */
  refusalMs: number[];
  refusalMedianMs: number;
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

async function refusalMs(url: string, hostile: Request): Promise<number> {
  const started = performance.now();
  const answer = await send(url, hostile);
  const ms = performance.now() - started;
  if (answer.status !== 400 || !answer.body.includes('SerializationException')) {
    throw new Error(`a hostile body was answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return ms;
}

/** Sends hostile bodies back to back until `until` settles; resolves with how many were refused. */
async function attack(url: string, hostile: Request, until: Promise<unknown>): Promise<number> {
  let done = false;
  until.finally(() => {
    done = true;
  });
  let sent = 0;
  while (!done) {
    await refusalMs(url, hostile);
    sent += 1;
  }
  return sent;
}

export async function runHostile(options: BenchOptions): Promise<HostileResult> {
  options.progress('hostile bodies: refusal cost, then describe p99 without and with them');
  const emulator = await startEmulatorChild(options.build, undefined, {}, { nodeFlags: options.emulatorNodeFlags });
  try {
    const hostile = hostileRequest();
    const describe = awsRequest('DescribeWorkspaceDirectories', {});
    const samples: number[] = [];
    for (let i = 0; i < REFUSAL_SAMPLES; i++) samples.push(await refusalMs(emulator.url, hostile));
    const { connections, roundSeconds, roundLeadInSeconds } = options.plan;
    const quiet = await runLoad(emulator.url, [describe], roundSeconds, connections, roundLeadInSeconds);
    const load = runLoad(emulator.url, [describe], roundSeconds, connections, roundLeadInSeconds);
    const sent = await Promise.all(Array.from({ length: ATTACKERS }, () => attack(emulator.url, hostile, load)));
    return {
      bodyBytes: BODY_BYTES,
      refusalMs: samples,
      refusalMedianMs: median(samples),
      quiet,
      underAttack: await load,
      attackers: ATTACKERS,
      hostileSent: sent.reduce((a, b) => a + b, 0),
    };
  } finally {
    await emulator.stop();
  }
}
