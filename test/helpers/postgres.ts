// A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, pg_ctl on a free port with a private
// socket directory, one database per caller, all removed at stop. Run as the `postgres` user when the tests run as
// root (PostgreSQL refuses root). No PostgreSQL installed: postgresMissing() says why the tests skip.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian puts the real binaries (the ones on PATH are wrappers); else whatever pg_config names. */
function binDir(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return existsSync(join(dir, 'initdb')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

const bin = binDir();

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (!bin) return 'PostgreSQL is not installed (no initdb/pg_ctl found; apt-get install postgresql)';
  return undefined;
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What a test process needs to reach a cluster another process started (vitest's global setup). */
export interface PostgresAddress {
  readonly port: number;
  readonly socketDir: string;
}

export interface PostgresCluster extends PostgresAddress {
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  /** Stops the server and removes its directory. */
  stop(): void;
}

let databases = 0;

/** Creates an empty database, named after `name` and unique in this process, and returns its URL. */
export function createDatabase(address: PostgresAddress, name: string): string {
  if (!bin) throw new Error(postgresMissing());
  const db = `${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${++databases}_${process.pid}`;
  const args = ['-h', address.socketDir, '-p', String(address.port), '-U', 'postgres', '-c', `CREATE DATABASE ${db}`];
  run(join(bin, 'psql'), args);
  return `postgres://postgres@127.0.0.1:${address.port}/${db}`;
}

/** `durable`: keep fsync on, as a real server runs (the benchmark); tests throw the cluster away and skip it. */
export async function startPostgres({ durable = false } = {}): Promise<PostgresCluster> {
  if (!bin) throw new Error(postgresMissing());
  const dir = mkdtempSync(join(tmpdir(), 'wsl-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-A', 'trust']);
  // fsync off for tests: the cluster is thrown away; they kill emulator instances, never PostgreSQL.
  const fsync = durable ? '' : ' -c fsync=off';
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
  const address = { port, socketDir: dir };
  return {
    ...address,
    createDatabase: (name) => createDatabase(address, name),
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
