// `npm run bench -- --scale-out`: 1, 2 and 3 emulator processes on one PostgreSQL database (a throwaway cluster with
// fsync on), side by side with one emulator on the in-memory SQLite store, for a read and a write scenario; the same
// total connections spread over the instances, all groups in rotating rounds so they see the same machine noise.
import { type PostgresCluster, postgresMissing, startPostgres } from '../test/helpers/postgres.js';
import { type BenchOptions, driverFor } from './benchmark.js';
import { awsRequest, type FixtureInfo, writeCycle, writeSequences } from './fixtures.js';
import { type Driver, type LoadResult, medianResult, rotate, type Target } from './load.js';
import { type RunningEmulator, sendExpecting200, startEmulatorChild } from './processes.js';

export interface ScaleOutRow {
  store: 'sqlite' | 'postgres';
  instances: number;
  read: LoadResult;
  write: LoadResult;
}

export interface ScaleOutReport {
  connections: number;
  rounds: number;
  roundSeconds: number;
  rows: ScaleOutRow[];
  /**
   * What the shared store adds to each request, in milliseconds of one instance's time: 1/req/s on one PostgreSQL
   * instance minus 1/req/s on SQLite, both saturated by the same connections.
   */
  costPerRequestMs: { read: number; write: number };
}

/** Instances that answer one group's load, and the WorkSpace pool each round's writes use in that group. */
interface Group {
  store: ScaleOutRow['store'];
  urls: string[];
  writePool: (round: number) => string[];
  imageId: string;
}

const IMAGE_ASSOCIATIONS = 50;

/** `total` connections over `n` instances, as evenly as whole numbers allow. */
function shares(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => Math.floor(total / n) + (k < total % n ? 1 : 0));
}

/** Splits a pool into one disjoint slice per instance, each twice its connections (what the write cycle needs). */
function slices(pool: readonly string[], connections: readonly number[]): string[][] {
  let at = 0;
  return connections.map((c) => {
    const slice = pool.slice(at, at + 2 * c);
    at += 2 * c;
    return slice;
  });
}

/** Every instance of a group loaded at once; req/s and responses add up, p50 and p99 are the worst instance's. */
function groupDriver(groups: ReadonlyMap<string, Group>, kind: 'read' | 'write') {
  // autocannon, whichever generator the scenarios use: wrk counts a connection that saw no answer within a round (a
  // write retried through a run of serialization conflicts) as a failure of the whole benchmark.
  const drive = driverFor('autocannon');
  const load: Driver = async (target, round, seconds, connections, leadIn) => {
    const group = groups.get(target.url);
    if (!group) throw new Error(`no group ${target.url}`);
    const split = shares(connections, group.urls.length);
    const pools = slices(group.writePool(round), split);
    const read = awsRequest('DescribeImageAssociations', {
      ImageId: group.imageId,
      AssociatedResourceTypes: ['APPLICATION'],
    });
    const results = await Promise.all(
      group.urls.map((url, k) => {
        const pool = pools[k] ?? [];
        const instance: Target =
          kind === 'read'
            ? { url, requests: () => [read] }
            : { url, requests: () => writeCycle(pool), sequences: () => writeSequences(pool, split[k] ?? 0) };
        return drive(instance, round, seconds, split[k] ?? 0, leadIn);
      }),
    );
    return {
      rps: results.reduce((sum, r) => sum + r.rps, 0),
      p50: Math.max(...results.map((r) => r.p50)),
      p99: Math.max(...results.map((r) => r.p99)),
      responses: results.reduce((sum, r) => sum + r.responses, 0),
    };
  };
  return load;
}

function seededImage(fixtures: FixtureInfo): string {
  if (fixtures.imageId === undefined) throw new Error('no image seeded');
  return fixtures.imageId;
}

/** Pools: one per round and group, plus the warm-up's; each twice the connections. */
function poolRequest(options: BenchOptions, groups: number) {
  return { pools: groups * (options.plan.rounds + 1), size: 2 * options.plan.connections };
}

export async function runScaleOut(options: BenchOptions): Promise<ScaleOutReport> {
  const missing = postgresMissing();
  if (missing) throw new Error(`--scale-out needs PostgreSQL: ${missing}`);
  options.progress('scale-out: starting PostgreSQL (fsync on)');
  const cluster: PostgresCluster = await startPostgres({ durable: true });
  const started: RunningEmulator[] = [];
  try {
    const url = cluster.createDatabase('bench_scale_out');
    const perRound = options.plan.rounds + 1;
    const childOptions = { nodeFlags: options.emulatorNodeFlags, answerCache: false };
    options.progress('scale-out: one emulator on SQLite, three on PostgreSQL');
    const sqlite = await startEmulatorChild(
      options.build,
      undefined,
      { imageAssociations: IMAGE_ASSOCIATIONS, workspacePools: poolRequest(options, 1) },
      childOptions,
    );
    started.push(sqlite);
    const first = await startEmulatorChild(
      options.build,
      undefined,
      { imageAssociations: IMAGE_ASSOCIATIONS, workspacePools: poolRequest(options, 3) },
      { ...childOptions, databaseUrl: url },
    );
    started.push(first);
    for (let i = 0; i < 2; i++) {
      started.push(await startEmulatorChild(options.build, undefined, {}, { ...childOptions, databaseUrl: url }));
    }
    const pg = started.slice(1);
    const groups = new Map<string, Group>([
      [
        'sqlite-1',
        {
          store: 'sqlite',
          urls: [sqlite.url],
          writePool: (round) => sqlite.fixtures.workspacePools[round] ?? [],
          imageId: seededImage(sqlite.fixtures),
        },
      ],
    ]);
    for (const n of [1, 2, 3]) {
      groups.set(`postgres-${n}`, {
        store: 'postgres',
        urls: pg.slice(0, n).map((e) => e.url),
        writePool: (round) => first.fixtures.workspacePools[(n - 1) * perRound + round] ?? [],
        imageId: seededImage(first.fixtures),
      });
    }
    const sample = awsRequest('DescribeImageAssociations', {
      ImageId: seededImage(first.fixtures),
      AssociatedResourceTypes: ['APPLICATION'],
    });
    for (const e of pg) await sendExpecting200(e.url, sample);
    const targets: Target[] = [...groups.keys()].map((name) => ({ url: name, requests: () => [] }));
    options.progress('scale-out: reads');
    const reads = await rotate(targets, options.plan, groupDriver(groups, 'read'));
    options.progress('scale-out: writes');
    const writes = await rotate(targets, options.plan, groupDriver(groups, 'write'));
    const rows = [...groups.values()].map((group, i) => ({
      store: group.store,
      instances: group.urls.length,
      read: medianResult(reads[i] ?? []),
      write: medianResult(writes[i] ?? []),
    }));
    const [lite, one] = rows;
    const cost = (pick: (r: ScaleOutRow) => LoadResult) =>
      lite && one ? 1000 / pick(one).rps - 1000 / pick(lite).rps : Number.NaN;
    return {
      connections: options.plan.connections,
      rounds: options.plan.rounds,
      roundSeconds: options.plan.roundSeconds,
      rows,
      costPerRequestMs: { read: cost((r) => r.read), write: cost((r) => r.write) },
    };
  } finally {
    for (const e of started) await e.stop();
    cluster.stop();
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export function formatScaleOut(report: ScaleOutReport): string {
  const lines = [
    `Scale-out: ${report.connections} connections in all, spread over the instances; ${report.rounds} rounds of ${report.roundSeconds} s; answer cache off everywhere`,
    '',
    '| store | instances | read req/s | read p99 ms | write req/s | write p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.rows.map(
      (r) =>
        `| ${r.store} | ${r.instances} | ${fmt(r.read.rps)} | ${fmt(r.read.p99, 2)} | ${fmt(r.write.rps)} | ${fmt(r.write.p99, 2)} |`,
    ),
    '',
    `Cost per request of the shared store (one instance, 1/req/s PostgreSQL minus SQLite): read ${fmt(report.costPerRequestMs.read, 3)} ms, write ${fmt(report.costPerRequestMs.write, 3)} ms`,
    '',
  ];
  return lines.join('\n');
}
