// The command as the package ships it: src/cli.ts bundled by the build's own esbuild step, started with plain node.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateIpGroupCommand, DescribeIpGroupsCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli.js';
import { sdkClient } from '../admin/story.js';
import { signedClient, type TestPrincipal, writeCredentialsFile } from '../auth/signed.js';

const ROOT = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// Inside node_modules, so the bundle finds its external dependencies as an installed package does; package.json one
// level up from the bundle, as dist/ has it.
mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
const packageDir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'workspaces-local-bundle-'));
const bundleDir = join(packageDir, 'dist');
const cli = join(bundleDir, 'cli.cjs');
const command = join(bundleDir, 'command.cjs');
const codeCache = `${command}.cache`;
/** Preloaded into the command: says on stderr when anything requires the SigV4 signer. */
const signerWatch = join(packageDir, 'signer-watch.cjs');

const children: ChildProcess[] = [];

beforeAll(async () => {
  copyFileSync(join(ROOT, 'package.json'), join(packageDir, 'package.json'));
  writeFileSync(
    signerWatch,
    `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@smithy/signature-v4') process.stderr.write('signer required\\n');
  return load.call(this, request, ...rest);
};
`,
  );
  await bundleCli(bundleDir);
}, 60_000);

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

/** Starts the bundle and resolves once it says where it listens; stderr collects the log. */
async function serve(args: string[]) {
  const child = spawn(process.execPath, ['--require', signerWatch, cli, '--port', '0', ...args], {
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WORKSPACES_LOCAL_'))),
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const found = /listening on (http:\/\/\S+)/.exec(stdout);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stdout}${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  /** A clean stop, as Ctrl+C gives: resolves with the exit code. */
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { endpoint, stdout: () => stdout, stderr: () => stderr, stop };
}

describe('the bundled command', () => {
  it('is a CommonJS entry and one CommonJS bundle, requiring only Node and the package dependencies', () => {
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const source = readFileSync(command, 'utf8');
    const required = [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toContain('node:http');
    // better-sqlite3's JavaScript is inside; its own builtins come without the node: prefix, and its addon finder
    // (bindings) stays a require that never runs, since the store names the addon's path.
    expect(required).not.toContain('better-sqlite3');
    for (const specifier of required) {
      expect(specifier).toMatch(/^(node:.+|fs|path|util|bindings|@smithy\/signature-v4)$/);
    }
    expect(source).not.toMatch(/\bimport\(|\bfrom\s*"/);
  });

  it('keeps what it stored with --data-dir, its checkpoint worker loading better-sqlite3 from node_modules', async () => {
    const dataDir = mkdtempSync(join(packageDir, 'data-'));
    const first = await serve(['--data-dir', dataDir]);
    const created = await sdkClient(first.endpoint).send(
      new CreateIpGroupCommand({ GroupName: 'kept', UserRules: [{ ipRule: '10.0.0.0/16' }] }),
    );
    expect(await first.stop()).toBe(0);
    const second = await serve(['--data-dir', dataDir]);
    const listed = await sdkClient(second.endpoint).send(new DescribeIpGroupsCommand({}));
    expect(listed.Result?.map((g) => g.groupId)).toEqual([created.GroupId]);
    expect(await second.stop()).toBe(0);
    expect(first.stderr() + second.stderr()).not.toContain('WAL checkpoints are back on the request thread');
  });

  it('requires the SigV4 signer only when --auth sigv4 asks for it', async () => {
    const { endpoint, stderr } = await serve([]);
    await sdkClient(endpoint).send(new DescribeWorkspacesCommand({}));
    await expect.poll(() => stderr()).toContain('"operation":"DescribeWorkspaces"');
    expect(stderr()).not.toContain('signer required');
    const signed = await serve(['--auth', 'sigv4', '--credentials', writeCredentialsFile([])]);
    await expect.poll(() => signed.stderr()).toContain('signer required');
  });

  it('writes its code cache when a run without one ends, and replaces one that does not fit', async () => {
    rmSync(codeCache, { force: true });
    const first = await serve([]);
    await sdkClient(first.endpoint).send(new DescribeWorkspacesCommand({}));
    expect(await first.stop()).toBe(0);
    expect(existsSync(codeCache)).toBe(true);

    writeFileSync(codeCache, 'not a code cache');
    const second = await serve([]);
    await expect(sdkClient(second.endpoint).send(new DescribeWorkspacesCommand({}))).resolves.toMatchObject({
      Workspaces: [],
    });
    expect(await second.stop()).toBe(0);
    expect(readFileSync(codeCache).length).toBeGreaterThan(100_000);
  });

  it('starts with its defaults, answers, and logs the request', async () => {
    const { endpoint, stdout, stderr } = await serve([]);
    expect(stdout()).toContain(`workspaces-local ${version} listening on ${endpoint}`);
    const answer = await sdkClient(endpoint).send(new DescribeWorkspacesCommand({}));
    expect(answer).toMatchObject({ Workspaces: [], $metadata: { httpStatusCode: 200 } });
    await expect.poll(() => stderr()).toContain('"operation":"DescribeWorkspaces"');
    expect(JSON.parse(stderr().trim())).toMatchObject({ level: 'info', event: 'request', status: 200 });
  });

  it('checks signatures with --auth sigv4', async () => {
    const alice: TestPrincipal = {
      name: 'alice',
      accountId: '111111111111',
      accessKeyId: 'AKIAALICE0000001',
      secretAccessKey: 'alice-secret',
    };
    const { endpoint } = await serve(['--auth', 'sigv4', '--credentials', writeCredentialsFile([alice])]);
    await expect(signedClient(endpoint, alice).send(new DescribeWorkspacesCommand({}))).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    const forged = signedClient(endpoint, alice, { secretAccessKey: 'not-alice-secret' });
    await expect(forged.send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });
});
