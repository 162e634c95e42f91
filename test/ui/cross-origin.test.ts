// Hostile pages in a real browser (headless Chromium): a page of another origin tries to reset the emulator, replace
// its state, move its clock and read its export; a DNS-rebinding page, served under a name that resolves to the
// emulator, tries the same from "its own" origin. None of it works, and the dashboard keeps working.
// Needs Debian's chromium (.ci/run installs it); CHROMIUM_PATH overrides.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeWorkspaceDirectoriesCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** As in dashboard.test.ts: skipped on a machine without chromium, never on CI. */
const canRun = existsSync(CHROMIUM) || process.env.CI !== undefined;
const DIRECTORY = 'd-1234567890';

/** Browser code run by the hostile page: every way a page can write to the admin API without being let in. */
const attack = (emulator: string) => `
async function attempt(name, run) {
  try { return [name, await run()]; } catch (error) { return [name, 'blocked: ' + error.name]; }
}
async function formPost(path, name, value) {
  const frame = document.createElement('iframe');
  frame.name = 'sink-' + path.replace(/\\W/g, '');
  document.body.append(frame);
  const form = document.createElement('form');
  form.method = 'POST';
  form.enctype = 'text/plain';
  form.action = '${emulator}' + path;
  form.target = frame.name;
  const input = document.createElement('input');
  input.name = name;
  input.value = value;
  form.append(input);
  document.body.append(form);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  form.submit();
  await loaded;
  return 'submitted';
}
const simple = (path, body) => fetch('${emulator}' + path, { method: 'POST', mode: 'no-cors', body }).then((r) => r.type);
const json = (path, body) =>
  fetch('${emulator}' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status);
window.results = Object.fromEntries(await Promise.all([
  attempt('reset (text/plain)', () => simple('/_emulator/reset', '{}')),
  attempt('moto reset (no body)', () => fetch('${emulator}/moto-api/reset', { method: 'POST', mode: 'no-cors' }).then((r) => r.type)),
  attempt('clock (text/plain)', () => simple('/_emulator/clock', '{"advanceSeconds":86400}')),
  attempt('import (text/plain)', () => simple('/_emulator/import', JSON.stringify({ format: 'workspaces-local/fixture', version: 1, state: { resources: [], associations: [], transitions: [], tags: [], imagePermissions: [] } }))),
  attempt('reset (JSON, preflighted)', () => json('/_emulator/reset', '{}')),
  attempt('export (read)', () => fetch('${emulator}/_emulator/export').then((r) => r.text())),
  attempt('reset (form)', () => formPost('/_emulator/reset', '{"x":"', '"}')),
  attempt('clock (form)', () => formPost('/_emulator/clock', '{"advanceSeconds":86400,"x":"', '"}')),
]));
`;

let browser: Browser;
let context: BrowserContext;
let attacker: Server;
let attackerPort: number;

function serveAttacker(): Promise<number> {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>cute cats</title><body></body>');
  });
  return new Promise((resolve) =>
    attacker.listen(0, '127.0.0.1', () => resolve((attacker.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  if (!canRun) return;
  await t
    .client()
    .send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0a1b2c3d'] }));
  attackerPort = await serveAttacker();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Both names resolve to this machine, as a rebinding attacker's DNS makes its name do.
      '--host-resolver-rules=MAP attacker.test 127.0.0.1, MAP rebind.test 127.0.0.1',
      // Chromium's Private Network Access would stop the rebinding page on its own; Firefox and Safari have no such
      // check, so the emulator must hold without it.
      '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
    ],
  });
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
});

const directories = async () =>
  ((await t.client().send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? []).map((d) => d.DirectoryId);

describe.runIf(canRun)('a page of another origin', () => {
  it('cannot reset, import, advance the clock or read the export', async () => {
    const before = t.emulator.clock.now().getTime();
    const page = await context.newPage();
    await page.goto(`http://attacker.test:${attackerPort}/`);
    await page.evaluate(`(async () => { ${attack(t.endpoint)} })()`);
    const results = (await page.evaluate('window.results')) as Record<string, string | number>;
    await page.close();
    // The simple requests go out (opaque answers), the preflighted one and the read are blocked by the browser.
    expect(results).toMatchObject({
      'reset (JSON, preflighted)': 'blocked: TypeError',
      'export (read)': 'blocked: TypeError',
    });
    expect(await directories()).toEqual([DIRECTORY]);
    expect(t.emulator.clock.now().getTime()).toBe(before);
  });
});

describe.runIf(canRun)('a DNS-rebinding page', () => {
  it('is refused by Host even though the browser thinks the emulator is its own origin', async () => {
    const port = t.emulator.port;
    const page = await context.newPage();
    // The page itself comes from the attacker; its later requests reach the emulator under the attacker's name.
    await page.route(`http://rebind.test:${port}/`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><body></body>' }),
    );
    await page.goto(`http://rebind.test:${port}/`);
    const read = (await page.evaluate(`(async () => {
      const res = await fetch('/_emulator/export');
      return { status: res.status, body: await res.text() };
    })()`)) as { status: number; body: string };
    const reset = (await page.evaluate(
      `fetch('/_emulator/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status)`,
    )) as number;
    await page.close();
    expect(read.status).toBe(403);
    expect(JSON.parse(read.body)).toEqual({ error: expect.stringContaining("Host 'rebind.test' is not") });
    expect(read.body).not.toContain(DIRECTORY);
    expect(reset).toBe(403);
    expect(await directories()).toEqual([DIRECTORY]);
  });
});

describe.runIf(canRun)('the dashboard, from its own origin', () => {
  it('still moves the clock', async () => {
    const before = t.emulator.clock.now().getTime();
    const page = await context.newPage();
    await page.goto(`${t.endpoint}/_emulator/ui`);
    await page.getByRole('button', { name: '+5 s' }).click();
    await expect.poll(() => t.emulator.clock.now().getTime(), { timeout: 10_000, interval: 50 }).toBe(before + 5000);
    await page.close();
  });
});
