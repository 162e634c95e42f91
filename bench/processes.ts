// The processes the benchmark measures: emulators, the bare node:http baseline, cold starts of both, and moto.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Request } from 'autocannon';
import type { ChildReady, ChildRequest, FixtureInfo, FixtureRequest } from './fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What runs the emulator: the compiled package a user installs, or the TypeScript sources under tsx. */
export type Build = 'dist' | 'src';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

export interface RunningEmulator extends Running {
  fixtures: FixtureInfo;
  /** The child's resident set size now, in bytes. */
  rss(): Promise<number>;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The physical-limit baseline: node:http answering every request with one fixed status, headers and body, after
 * reading the request body as any server must. Plain CommonJS run with `node -e`, so its start costs no loader.
 */
const BARE_SERVER = `
const http = require('node:http');
const { status, headers, body } = JSON.parse(process.env.BENCH_BARE);
const payload = Buffer.from(body);
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(status, { ...headers, 'Content-Length': payload.length });
    res.end(payload);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => process.stdout.write('listening on http://127.0.0.1:' + server.address().port + '\\n'));
`;

/** Headers node:http adds by itself; everything else the emulator sent, the bare server sends too. */
const transportHeaders = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export function cliCommand(build: Build): string[] {
  return build === 'dist' ? ['dist/cli.cjs'] : ['--import', 'tsx', 'src/cli.ts'];
}

export function emulatorEntry(build: Build): string {
  return new URL(build === 'dist' ? '../dist/index.js' : '../src/index.ts', import.meta.url).href;
}

/** The environment without WORKSPACES_LOCAL_* settings, so a spawned CLI runs with its defaults. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WORKSPACES_LOCAL_')));
  return { ...env, ...extra };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Ends a child this benchmark started; kills it if it has not gone within five seconds. */
async function end(child: ChildProcess, ask: () => void): Promise<void> {
  const gone = exited(child);
  ask();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/**
 * Resolves with the endpoint a server prints on `stream` (the first group of `pattern`; by default the "listening on
 * http://…" of the emulator and the bare server), or rejects if it exits first. The rest of the stream is drained.
 */
function announcedUrl(
  child: ChildProcess,
  stream: 'stdout' | 'stderr' = 'stdout',
  pattern = /listening on (http:\/\/\S+)/,
): Promise<string> {
  const output = child[stream];
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = pattern.exec(seen);
      if (match?.[1]) {
        output?.off('data', onData);
        output?.resume();
        resolve(match[1]);
      }
    };
    output?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening: ${seen}`)));
  });
}

export interface ChildOptions {
  /** Node flags such as --cpu-prof or --expose-gc. */
  nodeFlags?: readonly string[];
  answerCache?: boolean;
  /** `info` (the command's default) writes the access log to /dev/null: the emulator pays for every line. */
  logLevel?: ChildRequest['logLevel'];
  clock?: ChildRequest['clock'];
  /** Keep state in this PostgreSQL database instead of SQLite. */
  databaseUrl?: string;
}

/** Starts an emulator child. */
export async function startEmulatorChild(
  build: Build,
  dataDir: string | undefined,
  fixtures: FixtureRequest,
  { nodeFlags = [], answerCache = true, logLevel = 'silent', clock = 'real', databaseUrl }: ChildOptions = {},
): Promise<RunningEmulator> {
  const request: ChildRequest = {
    entry: emulatorEntry(build),
    dataDir,
    answerCache,
    logLevel,
    clock,
    fixtures,
    ...(databaseUrl !== undefined && { databaseUrl }),
  };
  const log = logLevel === 'silent' ? 'inherit' : openSync('/dev/null', 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeFlags, 'bench/emulator-child.ts'], {
    cwd: ROOT,
    env: cleanEnv({ BENCH_CHILD: JSON.stringify(request) }),
    stdio: ['ignore', 'inherit', log, 'ipc'],
  });
  if (typeof log === 'number') closeSync(log);
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildReady));
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code} before it was ready`)));
  });
  const rss = () =>
    new Promise<number>((resolve) => {
      const onMessage = (message: { type?: string; rss?: number }) => {
        if (message.type !== 'rss') return;
        child.off('message', onMessage);
        resolve(message.rss ?? Number.NaN);
      };
      child.on('message', onMessage);
      child.send('rss');
    });
  return {
    url: ready.endpoint,
    fixtures: ready.fixtures,
    rss,
    stop: () => end(child, () => child.disconnect()),
  };
}

export async function startBareServer(answer: Answer): Promise<Running> {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !transportHeaders.has(k)));
  const spec = JSON.stringify({ status: answer.status, headers, body: answer.body });
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    cwd: ROOT,
    env: cleanEnv({ BENCH_BARE: spec }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await announcedUrl(child);
  return { url, stop: () => end(child, () => child.kill('SIGTERM')) };
}

/**
 * moto's server (`python3 -m moto.server`), the peer the emulator is compared with: on a free port, its version read
 * from the package. Rejects if python3 or moto is missing.
 */
export async function startMoto(): Promise<Running & { version: string }> {
  const version = spawnSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`moto is not installed for python3: ${version.stderr || version.error}`);
  const child = spawn('python3', ['-m', 'moto.server', '-p', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Its development server says where it listens on stderr.
  const url = await announcedUrl(child, 'stderr', /Running on (http:\/\/\S+)/);
  return { url, version: version.stdout.trim(), stop: () => end(child, () => child.kill('SIGTERM')) };
}

/** One request over a fresh connection (node:http, no pooling), answered in full. */
export function send(url: string, request: Request): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: request.method ?? 'POST', headers: request.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body ?? '');
  });
}

export async function sendExpecting200(url: string, request: Request): Promise<Answer> {
  const answer = await send(url, request);
  if (answer.status !== 200) throw new Error(`expected 200 from ${url}, got ${answer.status}: ${answer.body}`);
  return answer;
}

/** Milliseconds from spawning a server to the end of its first 200 answer to `request`. */
export async function coldStart(args: readonly string[], request: Request): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: cleanEnv({ BENCH_BARE: JSON.stringify({ status: 200, headers: {}, body: '{}' }) }),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await announcedUrl(child);
    await sendExpecting200(url, request);
    return performance.now() - started;
  } finally {
    await end(child, () => child.kill('SIGTERM'));
  }
}

export const bareColdStartArgs: readonly string[] = ['-e', BARE_SERVER];
