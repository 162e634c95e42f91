// The command as the package ships it: src/cli.ts bundled by the build's own esbuild step, started with plain node.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli.js';
import { sdkClient } from '../admin/story.js';
import { signedClient, type TestPrincipal, writeCredentialsFile } from '../auth/signed.js';

const ROOT = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// Inside node_modules, so the bundle finds its external dependencies as an installed package does; package.json one
// level up from the bundle, as dist/cli.js has it.
mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
const packageDir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'workspaces-local-bundle-'));
const bundleDir = join(packageDir, 'dist');
const cli = join(bundleDir, 'cli.js');

const children: ChildProcess[] = [];

beforeAll(async () => {
  copyFileSync(join(ROOT, 'package.json'), join(packageDir, 'package.json'));
  await bundleCli(bundleDir);
}, 60_000);

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

/** Starts the bundle and resolves once it says where it listens; stderr collects the log. */
async function serve(args: string[]) {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
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
  return { endpoint, stdout: () => stdout, stderr: () => stderr };
}

describe('the bundled command', () => {
  // Dependencies load through require (better-sqlite3, pino) or a lazy chunk (the signer), never as ES modules.
  it("is one script with its shebang, importing only Node's modules and its own chunks", () => {
    const source = readFileSync(cli, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imported = [...source.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(imported).toContain('node:http');
    for (const specifier of imported) expect(specifier).toMatch(/^(node:|\.\/chunks\/)/);
  });

  it('loads the SigV4 signer only from a chunk of its own', () => {
    const chunks = readdirSync(join(bundleDir, 'chunks')).filter((file) => file.endsWith('.js'));
    const withSigner = chunks.filter((file) =>
      readFileSync(join(bundleDir, 'chunks', file), 'utf8').includes('"@smithy/signature-v4"'),
    );
    expect(withSigner).toHaveLength(1);
    expect(readFileSync(cli, 'utf8')).toContain(`import("./chunks/${withSigner[0]}")`);
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
