// The package as a user gets it: `npm pack` in a copy of the project (its prepack builds dist/), the tarball installed
// into an empty project, and the command started from there through npx.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { DescribeWorkspaceBundlesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClient } from '../admin/story.js';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const run = promisify(execFile);
/** Packing builds, installing resolves dependencies: tens of seconds each on a busy machine. */
const SLOW = 300_000;

const work = mkdtempSync(join(tmpdir(), 'workspaces-local-package-'));
const project = join(work, 'project');
const consumer = join(work, 'consumer');
let files: string[] = [];
let installLog = '';
const children: ChildProcess[] = [];

/** npm and npx with this process's Node first on PATH, so both run on the Node under test. */
function npm(args: string[], cwd: string, command = 'npm') {
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  return run(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The files a published package would hold, built by the project's own prepack in a copy of the project. */
async function pack(): Promise<string> {
  const entries = ['package.json', 'package-lock.json', 'README.md', 'LICENSE', 'docs', 'src', 'scripts'];
  for (const entry of [...entries, 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], project);
  const [packed] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  files = (packed?.files ?? []).map((f) => f.path).sort();
  return join(work, packed?.filename ?? 'missing.tgz');
}

/**
 * Installs the tarball as a dependency. better-sqlite3's own install compiles its addon (minutes, and no concern of
 * this package's), so scripts are off and the addon this project built for the same version and Node is copied in.
 */
async function install(tarball: string): Promise<void> {
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const { stdout, stderr } = await npm(
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball],
    consumer,
  );
  installLog = `${stdout}${stderr}`;
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  cpSync(join(ROOT, addon), join(consumer, addon));
}

beforeAll(async () => {
  mkdirSync(project);
  mkdirSync(consumer);
  await install(await pack());
}, 2 * SLOW);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the license, the README, docs/ and dist/, and nothing else', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('docs/behaviour/applications.md');
    const others = files.filter(
      (f) => !/^(dist|docs)\//.test(f) && !['LICENSE', 'README.md', 'package.json'].includes(f),
    );
    expect(others).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.includes('.test.') || f.endsWith('.cache'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toContain(
      'Apache License\n                           Version 2.0',
    );
  });

  it('resolves every relative link of its README inside the package', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => posix.normalize(m[1] as string));
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('installs into an empty project without a warning and runs no script of its own there', () => {
    expect(installLog).not.toMatch(/warn/i);
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules', 'workspaces-local', 'package.json'), 'utf8'),
    ) as { scripts?: Record<string, string>; repository?: unknown; homepage?: string; bugs?: unknown };
    // What npm runs for a dependency; `prepare` (the build) runs only in a clone or a git checkout, with dev tools.
    const lifecycle = ['preinstall', 'install', 'postinstall'];
    expect(Object.keys(installed.scripts ?? {}).filter((s) => lifecycle.includes(s))).toEqual([]);
    expect(installed.repository).toBeDefined();
    expect(installed.homepage).toMatch(/^https:\/\//);
    expect(installed.bugs).toBeDefined();
  });

  it('answers --version and --help through npx', { timeout: SLOW }, async () => {
    const version = await npm(['--no-install', 'workspaces-local', '--version'], consumer, 'npx');
    expect(version.stdout.trim()).toBe(manifest.version);
    const help = await npm(['--no-install', 'workspaces-local', '--help'], consumer, 'npx');
    expect(help.stdout).toContain('--port');
    expect(help.stdout).toContain('--clock');
  });

  it('starts from the bin npm linked and serves an SDK call', { timeout: SLOW }, async () => {
    // The same link npx runs, started directly so that SIGTERM reaches the command itself.
    const bin = join(consumer, 'node_modules', '.bin', 'workspaces-local');
    const child = spawn(bin, ['--port', '0', '--log-level', 'silent'], {
      cwd: consumer,
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
    });
    children.push(child);
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    const { Bundles = [] } = await sdkClient(endpoint).send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }));
    expect(Bundles.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
