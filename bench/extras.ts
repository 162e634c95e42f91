// The figures users feel beside the load scenarios: a boto3 suite's wall time against the emulator and moto's server,
// the in-process API's start, reset and second start, and a soak of mixed reads and writes with memory sampled.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Request } from 'autocannon';
import { awsRequest, BENCH_APPLICATION, writeCycle } from './fixtures.js';
import { type LoadResult, runLoad } from './load.js';
import { type Build, emulatorEntry, startEmulatorChild, startMoto } from './processes.js';
import { median } from './stats.js';
import { runWrk } from './wrk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command to its end; resolves with its stdout, rejects with its stderr when it fails. */
function output(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err}`)),
    );
  });
}

export interface SuiteResult {
  peer: string;
  tests: number;
  /** Wall seconds of the timed tests (clients made and one test run before the clock starts). */
  emulatorSeconds: number;
  peerSeconds: number;
  /** peerSeconds / emulatorSeconds. */
  speedup: number;
}

async function timeSuite(endpoint: string, server: 'emulator' | 'moto', tests: number): Promise<number> {
  const out = await output('python3', ['bench/boto3-suite.py', endpoint, server, String(tests)]);
  return (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { seconds: number }).seconds;
}

/** Runs of the suite against the emulator: it takes well under a second, so one slow moment of the machine moves it. */
const EMULATOR_SUITE_RUNS = 3;

/**
 * bench/boto3-suite.py against the emulator (instant clock, so a launch is AVAILABLE at once, as a suite runs it; the
 * median of EMULATOR_SUITE_RUNS runs, each in a fresh emulator) and against moto's server, one after the other.
 */
export async function runSuites(build: Build, tests: number): Promise<SuiteResult> {
  const runs: number[] = [];
  for (let i = 0; i < EMULATOR_SUITE_RUNS; i++) {
    const emulator = await startEmulatorChild(build, undefined, {}, { clock: 'instant' });
    try {
      runs.push(await timeSuite(emulator.url, 'emulator', tests));
    } finally {
      await emulator.stop();
    }
  }
  const emulatorSeconds = median(runs);
  const moto = await startMoto();
  try {
    const peerSeconds = await timeSuite(moto.url, 'moto', tests);
    return {
      peer: `moto ${moto.version}`,
      tests,
      emulatorSeconds,
      peerSeconds,
      speedup: peerSeconds / emulatorSeconds,
    };
  } finally {
    await moto.stop();
  }
}

export interface InProcessResult {
  samples: number;
  /** Medians over fresh processes, in ms: the first startEmulator(), reset() with a little stored, a second start. */
  startMs: number;
  resetMs: number;
  secondStartMs: number;
}

/** bench/in-process-child.ts in `samples` fresh processes. */
export async function runInProcess(build: Build, samples: number): Promise<InProcessResult> {
  const runs: { startMs: number; resetMs: number; secondStartMs: number }[] = [];
  for (let i = 0; i < samples; i++) {
    const out = await output(process.execPath, ['--import', 'tsx', 'bench/in-process-child.ts', emulatorEntry(build)]);
    runs.push(JSON.parse(out.trim()) as (typeof runs)[number]);
  }
  return {
    samples,
    startMs: median(runs.map((r) => r.startMs)),
    resetMs: median(runs.map((r) => r.resetMs)),
    secondStartMs: median(runs.map((r) => r.secondStartMs)),
  };
}

export interface SoakResult {
  seconds: number;
  sampleSeconds: number;
  load: LoadResult;
  /** RSS every sampleSeconds, the first at the start of the load. */
  rss: { atSeconds: number; bytes: number }[];
  /** Last sample over the first taken after `settleSeconds` (the emulator's working set built). */
  growth: number;
  settleSeconds: number;
}

/** One connection's mix: associate, read its WorkSpace, the image's associations, disassociate, the catalog. */
function soakSequence(workspaceId: string, imageId: string): Request[] {
  const write = (operation: string) =>
    awsRequest(operation, { WorkspaceId: workspaceId, ApplicationId: BENCH_APPLICATION });
  return [
    write('AssociateWorkspaceApplication'),
    awsRequest('DescribeWorkspaces', { WorkspaceIds: [workspaceId] }),
    awsRequest('DescribeImageAssociations', { ImageId: imageId, AssociatedResourceTypes: ['APPLICATION'] }),
    write('DisassociateWorkspaceApplication'),
    awsRequest('DescribeApplications', {}),
  ];
}

/**
 * One emulator (defaults: in memory, answer cache on, access log at info to /dev/null) under `connections` connections
 * of mixed reads and writes for `seconds`, its RSS sampled every `sampleSeconds`.
 */
export async function runSoak(
  build: Build,
  generator: 'wrk' | 'autocannon',
  connections: number,
  seconds: number,
  sampleSeconds: number,
): Promise<SoakResult> {
  const emulator = await startEmulatorChild(
    build,
    undefined,
    { imageAssociations: 50, workspacePools: { pools: 1, size: connections } },
    { logLevel: 'info' },
  );
  try {
    const pool = emulator.fixtures.workspacePools[0] ?? [];
    const imageId = emulator.fixtures.imageId ?? '';
    const rss: SoakResult['rss'] = [];
    const started = performance.now();
    const sample = async () =>
      rss.push({ atSeconds: (performance.now() - started) / 1000, bytes: await emulator.rss() });
    await sample();
    const sampler = setInterval(() => void sample(), sampleSeconds * 1000);
    let load: LoadResult;
    try {
      if (generator === 'wrk') {
        const sequences = pool.slice(0, connections).map((ws) => soakSequence(ws, imageId));
        load = await runWrk(emulator.url, sequences, seconds, connections, connections);
      } else {
        const [associate, disassociate] = writeCycle(pool);
        // autocannon's connections all cycle one list: the write pair takes a free WorkSpace per pass (writeCycle).
        const [, , image, , catalog] = soakSequence('', imageId);
        const describe = awsRequest('DescribeWorkspaces', {});
        const mix = [associate, describe, image, disassociate, catalog].filter((r): r is Request => r !== undefined);
        load = await runLoad(emulator.url, mix, seconds, connections);
      }
    } finally {
      clearInterval(sampler);
    }
    await sample();
    const settleSeconds = Math.min(60, seconds / 4);
    const settled = rss.find((s) => s.atSeconds >= settleSeconds) ?? rss[0];
    const last = rss[rss.length - 1];
    return {
      seconds,
      sampleSeconds,
      load,
      rss,
      growth: (last?.bytes ?? Number.NaN) / (settled?.bytes ?? Number.NaN),
      settleSeconds,
    };
  } finally {
    await emulator.stop();
  }
}
