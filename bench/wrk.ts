// wrk (C, from Debian's `wrk` package) as the load generator: a Lua script per round sends the scenario's POSTs and
// prints the round's figures as JSON when it ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'autocannon';
import type { LoadResult } from './load.js';

/** Whether `wrk` is on the PATH. */
export function wrkInstalled(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * A Lua string literal holding `text` byte for byte: letters and digits as they are, every other byte as a three-digit
 * decimal escape (LuaJIT has no \u escapes).
 */
function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    out += plain ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

const bodyOf = (request: Request): string =>
  typeof request.body === 'string' ? request.body : (request.body?.toString('utf8') ?? '');

function luaRequest(request: Request): string {
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
    .join(', ');
  return `{ ${luaString(request.method ?? 'POST')}, ${luaString(request.path ?? '/')}, { ${headers} }, ${luaString(bodyOf(request))} }`;
}

/**
 * One sequence of one request: wrk's static request (no Lua per request). Otherwise one sequence per wrk thread, each
 * thread cycling its own in order (a thread with one connection sends its sequence strictly in order).
 */
export function wrkScript(sequences: readonly (readonly Request[])[]): string {
  const report = `
function done(summary, latency, requests)
  local e = summary.errors
  io.stdout:write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
  const only = sequences.length === 1 && sequences[0]?.length === 1 ? sequences[0][0] : undefined;
  if (only) {
    const headers = Object.entries(only.headers ?? {})
      .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}\n`)
      .join('');
    return `wrk.method = ${luaString(only.method ?? 'POST')}\nwrk.path = ${luaString(only.path ?? '/')}\nwrk.body = ${luaString(bodyOf(only))}\n${headers}${report}`;
  }
  const specs = sequences.map((sequence) => `{ ${sequence.map(luaRequest).join(',\n    ')} }`).join(',\n  ');
  // setup() runs once per thread in the main script state; init() in the thread's own state, where wrk.format knows
  // the target's Host header.
  return `local specs = { ${specs} }
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local requests = {}
local i = 1
function init(args)
  for k, s in ipairs(specs[id]) do requests[k] = wrk.format(s[1], s[2], s[3], s[4]) end
end
function request()
  return requests[i]
end
-- The next step once this one is answered: wrk also calls request() once to check the script, sending nothing.
function response(status, headers, body)
  i = i + 1
  if i > #requests then i = 1 end
end
${report}`;
}

interface WrkResult {
  requests: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50Us: number;
  p99Us: number;
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

/**
 * One round of `seconds` (rounded to whole seconds, at least 1) with `threads` wrk threads and `connections` connections. wrk starts at full rate, so no
 * lead-in is needed. Any socket error, timeout or answer ≥ 400 fails the benchmark, as with autocannon.
 */
export async function runWrk(
  url: string,
  sequences: readonly (readonly Request[])[],
  seconds: number,
  connections: number,
  threads = 1,
): Promise<LoadResult> {
  if (sequences.length > 1 && sequences.length !== threads) throw new Error('one sequence per wrk thread');
  const dir = mkdtempSync(join(tmpdir(), 'workspaces-local-wrk-'));
  try {
    const script = join(dir, 'round.lua');
    writeFileSync(script, wrkScript(sequences));
    // wrk takes whole seconds.
    const duration = `${Math.max(1, Math.round(seconds))}s`;
    const out = await run(['-t', String(threads), '-c', String(connections), '-d', duration, '-s', script, url]);
    const json = /WRK_RESULT (\{.*\})/.exec(out)?.[1];
    if (!json) throw new Error(`wrk printed no result: ${out}`);
    const r = JSON.parse(json) as WrkResult;
    const failures = r.connect + r.read + r.write + r.status + r.timeout;
    if (failures > 0 || r.requests === 0) {
      throw new Error(`load on ${url} saw ${failures} failures (${json})`);
    }
    return {
      rps: r.requests / (r.durationUs / 1e6),
      p50: r.p50Us / 1000,
      p99: r.p99Us / 1000,
      responses: r.requests,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
