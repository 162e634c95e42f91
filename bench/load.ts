// Drives one HTTP target with wrk, autocannon (when wrk is not installed) or node:http's client (for a peer that closes
// every connection), and compares targets in interleaved rounds so all see the same noise.
import { Agent, request as httpRequest } from 'node:http';
import autocannon, { type Request } from 'autocannon';
import { median, percentile, spread } from './stats.js';
import { runWrk } from './wrk.js';

export interface LoadResult {
  /** Successful responses per second over the round. */
  rps: number;
  /** Latency percentiles in milliseconds, exact over every response of the round. */
  p50: number;
  p99: number;
  responses: number;
}

export interface LoadPlan {
  connections: number;
  warmupSeconds: number;
  rounds: number;
  roundSeconds: number;
  /**
   * Each round first runs this long unmeasured, on the same load-generator instance and connections: a fresh instance
   * runs at about half rate for its first half second, against the emulator and a plain server with work per request
   * alike, so without it every round's p99 would partly measure the load generator's start.
   */
  roundLeadInSeconds: number;
}

/** One load target: where it listens and the requests each connection cycles through (fresh ones per round). */
export interface Target {
  url: string;
  requests: (round: number) => Request[];
  /**
   * For wrk, whose Lua cannot tell its connections apart: one sequence per connection, each run by a wrk thread of
   * its own with one connection. Without it every connection sends `requests[0]` (wrk's static request).
   */
  sequences?: (round: number) => Request[][];
}

export interface Comparison {
  /** Medians over the rounds, each statistic on its own. */
  emulator: LoadResult;
  bare: LoadResult;
  /** Median of the per-round req/s ratios emulator / bare; each round's pair ran back to back. */
  ratio: number;
  ratioSpread: { min: number; max: number };
  rounds: { emulator: LoadResult; bare: LoadResult; silent?: LoadResult }[];
  /** The same emulator started with `--log-level silent`, in the same rounds, when the scenario measures the log. */
  silent?: LoadResult;
  /** Median of the per-round req/s ratios emulator (log at info) / emulator (log silent). */
  logRatio?: number;
  logRatioSpread?: { min: number; max: number };
}

/** A round's result from the latencies of the answers in since `measuredFrom` (a performance.now() instant). */
function measuredSince(measuredFrom: number, latencies: readonly number[]): LoadResult {
  const elapsed = (performance.now() - measuredFrom) / 1000;
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    responses: latencies.length,
  };
}

/**
 * Runs one round: `leadIn` seconds unmeasured, then `seconds` measured. Any connection error, timeout or non-2xx answer
 * fails the benchmark: a throughput figure made of error responses would measure the wrong code path.
 */
export function runLoad(
  url: string,
  requests: Request[],
  seconds: number,
  connections: number,
  leadIn = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const measuredFrom = performance.now() + leadIn * 1000;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      // autocannon stops on its sampling tick: a 100 ms tick keeps a round within 0.1 s of its nominal length.
      { url, connections, pipelining: 1, duration: leadIn + seconds, sampleInt: 100, timeout: 10, requests },
      (error, result) => {
        const measured = measuredSince(measuredFrom, latencies);
        if (error) return reject(error);
        if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
          const codes = JSON.stringify(result.statusCodeStats);
          return reject(
            new Error(
              `load on ${url} saw ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${codes})`,
            ),
          );
        }
        resolve(measured);
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (performance.now() >= measuredFrom) latencies.push(ms);
    });
  });
}

/** Runs one round on a target: `leadIn` seconds unmeasured (where the generator needs it), then `seconds` measured. */
export type Driver = (
  target: Target,
  round: number,
  seconds: number,
  connections: number,
  leadIn?: number,
) => Promise<LoadResult>;

export const autocannonDriver: Driver = (target, round, seconds, connections, leadIn) =>
  runLoad(target.url, target.requests(round), seconds, connections, leadIn);

/** wrk with `threads` threads (or one per sequence): it starts at full rate, so it needs no lead-in. */
export const wrkDriver =
  (threads = 1): Driver =>
  (target, round, seconds, connections) => {
    const sequences = target.sequences?.(round);
    if (sequences) return runWrk(target.url, sequences, seconds, connections, sequences.length);
    return runWrk(target.url, [target.requests(round).slice(0, 1)], seconds, connections, threads);
  };

/** One request on a keep-alive agent; rejects unless the answer is a 200. */
function clientRequest(url: string, request: Request, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: request.method ?? 'POST', headers: request.headers ?? {}, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body ?? '');
  });
}

/**
 * A round with node:http's client: `connections` loops, each sending the first request again as soon as its answer is
 * in, over a keep-alive agent. It copes with a server that closes every connection after one answer, as moto's does,
 * where autocannon's reconnects hold it at a few requests a second; it is slower than autocannon, so a fast server's
 * rate is the client's.
 */
export const clientDriver: Driver = async (target, round, seconds, connections, leadIn = 0) => {
  const { url } = target;
  const request = target.requests(round)[0];
  if (!request) throw new Error('no request to send');
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const measuredFrom = performance.now() + leadIn * 1000;
  const until = measuredFrom + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      await clientRequest(url, request, agent);
      const answered = performance.now();
      if (answered >= measuredFrom) latencies.push(answered - sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    agent.destroy();
  }
  return measuredSince(measuredFrom, latencies);
};

export function medianResult(results: readonly LoadResult[]): LoadResult {
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    responses: median(results.map((r) => r.responses)),
  };
}

/**
 * Warms the targets, then runs every target each round in rotating order (with two targets ABBA, so a drift in machine
 * load cancels out). `silent` is the emulator with its log off, measured in the same rounds when given.
 */
export async function compare(
  emulator: Target,
  bare: Target,
  plan: LoadPlan,
  drive: Driver,
  silent?: Target,
): Promise<Comparison> {
  const targets = silent ? [emulator, bare, silent] : [emulator, bare];
  const load = (target: Target, round: number, seconds: number, leadIn = plan.roundLeadInSeconds) =>
    drive(target, round, seconds, plan.connections, leadIn);
  if (plan.warmupSeconds > 0) for (const target of targets) await load(target, 0, plan.warmupSeconds, 0);
  const results: LoadResult[][] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    const row: LoadResult[] = [];
    for (const i of roundOrder(targets.length, round))
      row[i] = await load(targets[i] as Target, round, plan.roundSeconds);
    results.push(row);
  }
  const rounds = results.map(([e, b, s]) => ({
    emulator: e as LoadResult,
    bare: b as LoadResult,
    ...(s && { silent: s }),
  }));
  const ratios = rounds.map((r) => r.emulator.rps / r.bare.rps);
  const comparison: Comparison = {
    emulator: medianResult(rounds.map((r) => r.emulator)),
    bare: medianResult(rounds.map((r) => r.bare)),
    ratio: median(ratios),
    ratioSpread: spread(ratios),
    rounds,
  };
  if (!silent) return comparison;
  const logRatios = rounds.map((r) => r.emulator.rps / (r.silent as LoadResult).rps);
  comparison.silent = medianResult(rounds.map((r) => r.silent as LoadResult));
  comparison.logRatio = median(logRatios);
  comparison.logRatioSpread = spread(logRatios);
  return comparison;
}

/** Round r's order of n targets: two alternate (ABBA); more rotate their starting point. */
function roundOrder(n: number, round: number): number[] {
  if (n === 2) return round % 2 === 1 ? [0, 1] : [1, 0];
  return Array.from({ length: n }, (_, k) => (k + round) % n);
}

/** Loads several targets in rotating order each round; returns every round of each target. */
export async function rotate(targets: readonly Target[], plan: LoadPlan, drive: Driver): Promise<LoadResult[][]> {
  if (plan.warmupSeconds > 0)
    for (const target of targets) await drive(target, 0, plan.warmupSeconds, plan.connections, 0);
  const results: LoadResult[][] = targets.map(() => []);
  for (let round = 1; round <= plan.rounds; round++) {
    for (const i of roundOrder(targets.length, round)) {
      results[i]?.push(
        await drive(targets[i] as Target, round, plan.roundSeconds, plan.connections, plan.roundLeadInSeconds),
      );
    }
  }
  return results;
}
