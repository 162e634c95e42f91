// Drives one HTTP target with autocannon (or node:http's client, for a peer autocannon cannot drive), and compares two
// targets in interleaved rounds so both see the same noise.
import { Agent, request as httpRequest } from 'node:http';
import autocannon, { type Request } from 'autocannon';
import { median, percentile, spread } from './stats.js';

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
}

export interface Comparison {
  /** Medians over the rounds, each statistic on its own. */
  emulator: LoadResult;
  bare: LoadResult;
  /** Median of the per-round req/s ratios emulator / bare; each round's pair ran back to back. */
  ratio: number;
  ratioSpread: { min: number; max: number };
  rounds: { emulator: LoadResult; bare: LoadResult }[];
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

/** Runs one round as runLoad does. */
export type Driver = (
  url: string,
  requests: Request[],
  seconds: number,
  connections: number,
  leadIn?: number,
) => Promise<LoadResult>;

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
export const runClientLoad: Driver = async (url, requests, seconds, connections, leadIn = 0) => {
  const request = requests[0];
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

/** Warms both targets, then alternates them round by round (ABBA order, so a drift in machine load cancels out). */
export async function compare(
  emulator: Target,
  bare: Target,
  plan: LoadPlan,
  drive: Driver = runLoad,
): Promise<Comparison> {
  const load = (target: Target, round: number, seconds: number, leadIn = plan.roundLeadInSeconds) =>
    drive(target.url, target.requests(round), seconds, plan.connections, leadIn);
  await load(emulator, 0, plan.warmupSeconds, 0);
  await load(bare, 0, plan.warmupSeconds, 0);
  const rounds: Comparison['rounds'] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    const emulatorFirst = round % 2 === 1;
    const first = await load(emulatorFirst ? emulator : bare, round, plan.roundSeconds);
    const second = await load(emulatorFirst ? bare : emulator, round, plan.roundSeconds);
    rounds.push(emulatorFirst ? { emulator: first, bare: second } : { emulator: second, bare: first });
  }
  const ratios = rounds.map((r) => r.emulator.rps / r.bare.rps);
  return {
    emulator: medianResult(rounds.map((r) => r.emulator)),
    bare: medianResult(rounds.map((r) => r.bare)),
    ratio: median(ratios),
    ratioSpread: spread(ratios),
    rounds,
  };
}

/** Loads several targets in rotating order each round; returns every round of each target. */
export async function rotate(targets: readonly Target[], plan: LoadPlan): Promise<LoadResult[][]> {
  for (const target of targets) await runLoad(target.url, target.requests(0), plan.warmupSeconds, plan.connections);
  const results: LoadResult[][] = targets.map(() => []);
  for (let round = 1; round <= plan.rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const i = (k + round) % targets.length;
      const target = targets[i] as Target;
      results[i]?.push(
        await runLoad(target.url, target.requests(round), plan.roundSeconds, plan.connections, plan.roundLeadInSeconds),
      );
    }
  }
  return results;
}
