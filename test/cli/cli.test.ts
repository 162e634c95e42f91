// The workspaces-local command as a user runs it: a child process (through tsx, so no build is needed).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTagsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { buildWorld, sdkClient } from '../admin/story.js';
import { raw } from '../helpers/raw-http.js';

const ROOT = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr (or stdout) has printed something matching. */
  printed: (pattern: RegExp, stream?: 'stdout' | 'stderr') => Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Run[] = [];
const tempDirs: string[] = [];

/** The environment without any WORKSPACES_LOCAL_* the outer shell may set, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WORKSPACES_LOCAL_')));
  return { ...base, ...env };
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: cleanEnv(env) });
  const out = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  const feed = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    out[stream] += chunk.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on('data', feed('stdout'));
  child.stderr.on('data', feed('stderr'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal });
    }),
  );
  const printed = async (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout') => {
    for (;;) {
      const found = pattern.exec(out[stream]);
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`exited before printing ${pattern}; stdout: ${out.stdout}\nstderr: ${out.stderr}`);
      }
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  const handle: Run = { child, stdout: () => out.stdout, stderr: () => out.stderr, printed, exited };
  running.push(handle);
  return handle;
}

/** Starts the emulator on a free port and resolves with its endpoint once it says it is listening. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const handle = run(['--port', '0', ...args], env);
  const [, endpoint = ''] = await handle.printed(/listening on (http:\/\/\S+)/);
  return { ...handle, endpoint };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workspaces-local-cli-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const { child, exited } of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const json = async (url: string, init?: RequestInit) => (await fetch(url, init)).json();

describe('workspaces-local --help and --version', () => {
  it('lists every option with its environment variable', async () => {
    const { stdout, exited } = run(['--help']);
    expect(await exited).toEqual({ code: 0, signal: null });
    for (const [flag, variable] of [
      ['--host', 'WORKSPACES_LOCAL_HOST'],
      ['--port', 'WORKSPACES_LOCAL_PORT'],
      ['--data-dir', 'WORKSPACES_LOCAL_DATA_DIR'],
      ['--clock', 'WORKSPACES_LOCAL_CLOCK'],
      ['--speed', 'WORKSPACES_LOCAL_SPEED'],
      ['--auth', 'WORKSPACES_LOCAL_AUTH'],
      ['--credentials', 'WORKSPACES_LOCAL_CREDENTIALS'],
      ['--admin-token', 'WORKSPACES_LOCAL_ADMIN_TOKEN'],
      ['--allowed-hosts', 'WORKSPACES_LOCAL_ALLOWED_HOSTS'],
      ['--cors-origins', 'WORKSPACES_LOCAL_CORS_ORIGINS'],
      ['--region', 'WORKSPACES_LOCAL_REGION'],
      ['--default-account', 'WORKSPACES_LOCAL_DEFAULT_ACCOUNT'],
      ['--seed', 'WORKSPACES_LOCAL_SEED'],
      ['--log-level', 'WORKSPACES_LOCAL_LOG_LEVEL'],
      ['--answer-cache', 'WORKSPACES_LOCAL_ANSWER_CACHE'],
      ['--consistency', 'WORKSPACES_LOCAL_CONSISTENCY'],
    ]) {
      expect(stdout()).toMatch(new RegExp(`^  ${flag} .*\\(${variable}`, 'm'));
    }
  });

  it('prints the package version', async () => {
    const { stdout, exited } = run(['--version']);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout()).toBe(`${version}\n`);
  });
});

describe('a PostgreSQL store that cannot be reached', () => {
  it('exits 1 and says why', async () => {
    const { stderr, exited } = run(['--port', '0', '--database-url', 'postgres://ws@127.0.0.1:1/ws']);
    expect(await exited).toEqual({ code: 1, signal: null });
    expect(stderr()).toMatch(/cannot start: PostgreSQL connection failed: .*ECONNREFUSED/);
  });
});

describe('usage errors', () => {
  it.each([
    [['--nope'], {}, "Unknown option '--nope'"],
    [['--clock', 'sometimes'], {}, "--clock must be one of real, speed, instant, manual; got 'sometimes'"],
    [['--port', '70000'], {}, "--port must be a port number 0-65535; got '70000'"],
    [['--default-account', 'testing'], {}, "--default-account must be a 12-digit account id; got 'testing'"],
    [[], { WORKSPACES_LOCAL_ANSWER_CACHE: 'maybe' }, "--answer-cache must be one of on, off; got 'maybe'"],
    [['--consistency', 'weak'], {}, "--consistency must be one of strong, eventual; got 'weak'"],
    [
      [],
      { WORKSPACES_LOCAL_LOG_LEVEL: 'loud' },
      "--log-level must be one of silent, error, warn, info, debug; got 'loud'",
    ],
    [
      ['--allowed-hosts', 'emulator,bad/name'],
      {},
      "--allowed-hosts takes a comma-separated list like emulator,workspaces.test; got 'bad/name'",
    ],
    [
      ['--quota', 'workspaces=many'],
      {},
      "--quota takes NAME=VALUE with NAME one of workspaces, graphics-workspaces, graphics-g4dn-workspaces, graphicspro-workspaces, graphicspro-g4dn-workspaces, generalpurpose-4xlarge-workspaces, generalpurpose-8xlarge-workspaces, standby-workspaces, images, bundles, directories, connection-aliases, ip-groups, ip-groups-per-directory, rules-per-ip-group, tags-per-resource, pools and VALUE a whole number or unlimited; got 'workspaces=many'",
    ],
    [[], { WORKSPACES_LOCAL_QUOTAS: 'gpus=1' }, "got 'gpus=1'"],
    [['--quotas', 'aws'], {}, "--quotas must be one of emulator, aws-defaults; got 'aws'"],
    [
      [],
      { WORKSPACES_LOCAL_CORS_ORIGINS: 'http://localhost:3000/' },
      "--cors-origins takes a comma-separated list like http://localhost:3000; got 'http://localhost:3000/'",
    ],
    [
      [],
      { WORKSPACES_LOCAL_DATABASE_URL: 'mysql://db/ws' },
      "--database-url must be a URL postgres://USER@HOST:PORT/DB; got 'mysql://db/ws'",
    ],
    [
      ['--database-url', 'postgres://ws@db:5432/ws', '--data-dir', '/tmp/x'],
      {},
      '--database-url and --data-dir choose different stores: give one',
    ],
  ])('exits 2 for %j %j', async (args, env, message) => {
    const { stderr, exited } = run(args, env);
    expect(await exited).toEqual({ code: 2, signal: null });
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Run workspaces-local --help');
  });
});

describe('starting', () => {
  it('prints the endpoint, the dashboard and ready-to-paste SDK and CLI examples', async () => {
    const { endpoint, stdout } = await serve([]);
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout()).toContain(`dashboard: ${endpoint}/_emulator/ui`);
    expect(stdout()).toContain(`aws workspaces describe-workspace-bundles --owner AMAZON --endpoint-url ${endpoint}`);
    expect(stdout()).toContain(`new WorkSpacesClient({ endpoint: '${endpoint}', region: 'us-east-1'`);
    expect(await json(`${endpoint}/_emulator/health`)).toMatchObject({ status: 'ok', version });
  });

  it('reads its options from WORKSPACES_LOCAL_* variables, a flag winning over its variable', async () => {
    const fromEnv = await serve([], { WORKSPACES_LOCAL_CLOCK: 'manual', WORKSPACES_LOCAL_REGION: 'eu-west-2' });
    expect(await json(`${fromEnv.endpoint}/_emulator/clock`)).toMatchObject({ mode: 'manual' });
    expect(fromEnv.stdout()).toContain('--region eu-west-2');
    const flagWins = await serve(['--clock', 'instant'], { WORKSPACES_LOCAL_CLOCK: 'manual' });
    expect(await json(`${flagWins.endpoint}/_emulator/clock`)).toMatchObject({ mode: 'instant' });
  });

  it('serves the Host names of --allowed-hosts and answers the preflights of --cors-origins', async () => {
    const { endpoint } = await serve(['--allowed-hosts', 'emulator'], {
      WORKSPACES_LOCAL_CORS_ORIGINS: 'http://localhost:3000',
    });
    const health = (host: string) => raw(endpoint, { path: '/_emulator/health', headers: { host } });
    expect((await health('emulator:4599')).status).toBe(200);
    expect((await health('elsewhere:4599')).status).toBe(403);
    const preflight = await raw(endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('takes quotas from --quotas, repeated --quota and WORKSPACES_LOCAL_QUOTAS, a flag winning name by name', async () => {
    const { endpoint } = await serve(['--quota', 'workspaces=3', '--quota', 'images=unlimited'], {
      WORKSPACES_LOCAL_QUOTAS: 'aws-defaults, workspaces=7,bundles=2',
    });
    expect(await json(`${endpoint}/_emulator/quotas`)).toMatchObject({
      quotas: { workspaces: 3, images: 'unlimited', bundles: 2, 'graphics-g4dn-workspaces': 0, directories: 50 },
    });
    const plain = await serve(['--quotas', 'emulator']);
    expect(await json(`${plain.endpoint}/_emulator/quotas`)).toMatchObject({
      quotas: { workspaces: 1000, 'graphics-g4dn-workspaces': 'unlimited', images: 40 },
    });
  });

  it('bound to every interface, says so, where to reach it here, and that the admin API needs the token', async () => {
    const withToken = await serve(['--host', '0.0.0.0', '--admin-token', 'banner-token']);
    const port = new URL(withToken.endpoint).port;
    expect(withToken.stdout()).toContain(
      `listening on http://0.0.0.0:${port} (every IPv4 interface; from this machine http://127.0.0.1:${port})`,
    );
    expect(withToken.stdout()).toContain('every call needs "Authorization: Bearer <admin token>"');
    expect(withToken.stdout()).not.toContain('banner-token');
    const withoutToken = await serve(['--host', '0.0.0.0']);
    expect(withoutToken.stdout()).toContain('without --admin-token: the admin API and dashboard data are disabled');
  });

  it('serves access keys that are not account ids as the --default-account, as moto does', async () => {
    const { endpoint } = await serve(['--default-account', '123456789012']);
    const directory = { DirectoryId: 'd-1234567890', SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'] };
    await sdkClient(endpoint, 'testing').send(new RegisterWorkspaceDirectoryCommand(directory));
    const seen = async (key: string) =>
      (await sdkClient(endpoint, key).send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.length;
    expect(await seen('123456789012')).toBe(1);
    expect(await seen('AKIAIOSFODNN7EXAMPLE')).toBe(1);
    expect(await seen('000000000000')).toBe(0);
  });

  it('exits 1 with a message when the port is taken', async () => {
    const first = await serve([]);
    const port = new URL(first.endpoint).port;
    const second = run(['--port', port]);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toMatch(/^workspaces-local: cannot start: listen EADDRINUSE/);
  });
});

describe('the request log', () => {
  it('writes one JSON line per request with operation, account, Region, status, error code, ms and request id', async () => {
    const { endpoint, stderr, printed } = await serve(['--log-level', 'info']);
    const client = sdkClient(endpoint, '123456789012', 'eu-west-1');
    await client.send(new DescribeWorkspaceDirectoriesCommand({}));
    await expect(client.send(new DescribeTagsCommand({ ResourceId: 'ws-000000000' }))).rejects.toThrow();
    await fetch(`${endpoint}/_emulator/health`);
    // Lines go out at the end of the event-loop turn that answered, so they may trail the answers.
    await printed(/"operation":"DescribeTags"/, 'stderr');
    const lines = stderr()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        event: 'request',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        operation: 'DescribeWorkspaceDirectories',
        account: '123456789012',
        region: 'eu-west-1',
        status: 200,
        ms: expect.any(Number),
      },
      expect.objectContaining({
        operation: 'DescribeTags',
        status: 400,
        errorCode: 'ResourceNotFoundException',
      }),
    ]);
    expect(stderr()).not.toContain('test-secret');
    expect(stderr()).not.toContain('Signature=');
  });

  it('is silent with --log-level silent', async () => {
    const { endpoint, stderr } = await serve(['--log-level', 'silent']);
    await sdkClient(endpoint).send(new DescribeWorkspaceDirectoriesCommand({}));
    expect(stderr()).toBe('');
  });
});

/** A request whose body is only half sent: the server has it in flight until `finish()` sends the rest. */
async function halfSentRequest(endpoint: string) {
  const { hostname, port } = new URL(endpoint);
  const body = '{"Owner":"AMAZON"}';
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let response = '';
  socket.on('data', (chunk: Buffer) => {
    response += chunk.toString('utf8');
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    [
      'POST / HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Connection: keep-alive',
      'Content-Type: application/x-amz-json-1.1',
      'X-Amz-Target: WorkspacesService.DescribeWorkspaceBundles',
      `Content-Length: ${body.length}`,
      '',
      body.slice(0, 5),
    ].join('\r\n'),
  );
  return {
    finish: async () => {
      socket.write(body.slice(5));
      await closed;
      return response;
    },
  };
}

describe('stopping', () => {
  it('on SIGTERM stops listening, lets an in-flight request finish, and exits 0', async () => {
    const server = await serve([]);
    const request = await halfSentRequest(server.endpoint);
    server.child.kill('SIGTERM');
    await server.printed(/SIGTERM, stopping/, 'stderr');
    await expect(fetch(`${server.endpoint}/_emulator/health`)).rejects.toThrow();
    const response = await request.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response).toContain('"BundleId":"wsb-');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('writes the log line of a request answered during a SIGTERM stop before it exits', async () => {
    const server = await serve([]);
    const request = await halfSentRequest(server.endpoint);
    server.child.kill('SIGTERM');
    await server.printed(/SIGTERM, stopping/, 'stderr');
    const response = await request.finish();
    const requestId = /\r\nx-amzn-RequestId: (\S+)\r\n/i.exec(response)?.[1];
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const line = server
      .stderr()
      .split('\n')
      .find((l) => l.startsWith('{'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      event: 'request',
      requestId,
      operation: 'DescribeWorkspaceBundles',
      status: 200,
    });
  });

  it('on SIGINT exits 0', async () => {
    const server = await serve([]);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe('--data-dir', () => {
  it('keeps state across a clean restart and across kill -9 right after an acknowledged write', async () => {
    const dataDir = tempDir();
    const first = await serve(['--data-dir', dataDir]);
    let client = sdkClient(first.endpoint);
    await client.send(
      new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-1111111111', SubnetIds: ['subnet-0a1b2c3d'] }),
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = await serve(['--data-dir', dataDir]);
    expect(second.stdout()).toContain(`store: ${join(dataDir, 'workspaces-local.sqlite')}`);
    client = sdkClient(second.endpoint);
    await client.send(new CreateTagsCommand({ ResourceId: 'd-1111111111', Tags: [{ Key: 'stage', Value: 'kill-9' }] }));
    second.child.kill('SIGKILL');
    expect(await second.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const third = await serve(['--data-dir', dataDir]);
    client = sdkClient(third.endpoint);
    const directories = await client.send(new DescribeWorkspaceDirectoriesCommand({}));
    expect(directories.Directories?.map((d) => d.DirectoryId)).toEqual(['d-1111111111']);
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: 'd-1111111111' }));
    expect(tags.TagList).toEqual([{ Key: 'stage', Value: 'kill-9' }]);
  });
});

describe('--seed', () => {
  it('starts from a fixture file, given as a flag or a variable', async () => {
    const source = await startEmulator({ clock: 'manual' });
    const world = await buildWorld(sdkClient(source.endpoint), (s) => source.clock.advance(s));
    const file = join(tempDir(), 'world.json');
    writeFileSync(file, JSON.stringify(source.exportFixture()));
    await source.close();

    for (const server of [await serve(['--seed', file]), await serve([], { WORKSPACES_LOCAL_SEED: file })]) {
      expect(server.stdout()).toContain(`seeded from ${file}`);
      const out = await sdkClient(server.endpoint).send(new DescribeWorkspacesCommand({}));
      expect(out.Workspaces?.map((w) => w.WorkspaceId)).toEqual([world.workspaceId]);
    }
  });

  it('exits 1 naming the problem when the fixture is missing or invalid', async () => {
    const missing = run(['--seed', '/nonexistent/world.json']);
    expect(await missing.exited).toEqual({ code: 1, signal: null });
    expect(missing.stderr()).toMatch(
      /^workspaces-local: cannot start: cannot read fixture \/nonexistent\/world\.json: ENOENT/,
    );

    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'workspaces-local/fixture', version: 7, state: {} }));
    const invalid = run(['--seed', file]);
    expect(await invalid.exited).toEqual({ code: 1, signal: null });
    expect(invalid.stderr()).toContain('cannot start: invalid fixture: version must be 1');
  });
});
