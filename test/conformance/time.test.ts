// The clock modes as a user sees them through the SDK, and pending transitions surviving a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeImageAssociationsCommand,
  DescribeWorkspaceDirectoriesCommand,
  RegisterWorkspaceDirectoryCommand,
  ResourceNotFoundException,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, type Emulator, startEmulator } from '../../src/index.js';
import { SUBNETS } from '../helpers/world.js';

const running: Emulator[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: Partial<Config>) {
  const emulator = await startEmulator(options);
  running.push(emulator);
  const client = new WorkSpacesClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return { emulator, client };
}

async function directoryState(client: WorkSpacesClient, DirectoryId: string) {
  const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [DirectoryId] }));
  return out.Directories?.[0]?.State;
}

const register = (client: WorkSpacesClient, DirectoryId: string) =>
  client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId, SubnetIds: SUBNETS }));

describe('the instant clock', () => {
  it('shows the end state of a transition on the next request', async () => {
    const { client } = await start({ clock: 'instant' });
    await register(client, 'd-1111111111');
    expect(await directoryState(client, 'd-1111111111')).toBe('REGISTERED');
  });
});

describe('a request that fails', () => {
  it('leaves the transitions it applied due, for the next request to apply', async () => {
    const { client } = await start({ clock: 'instant' });
    await register(client, 'd-6666666666');
    // Applies the registration inside its own transaction, then fails: the registration is undone with the rest.
    const failing = new DescribeImageAssociationsCommand({
      ImageId: 'wsi-000000000',
      AssociatedResourceTypes: ['APPLICATION'],
    });
    await expect(client.send(failing)).rejects.toThrow(ResourceNotFoundException);
    expect(await directoryState(client, 'd-6666666666')).toBe('REGISTERED');
  });
});

describe('the manual clock', () => {
  it('holds a transition until time is advanced past it', async () => {
    const { emulator, client } = await start({ clock: 'manual' });
    await register(client, 'd-2222222222');
    expect(await directoryState(client, 'd-2222222222')).toBe('REGISTERING');
    emulator.clock.advance(1);
    expect(await directoryState(client, 'd-2222222222')).toBe('REGISTERING');
    emulator.clock.advanceToNext();
    expect(await directoryState(client, 'd-2222222222')).toBe('REGISTERED');
  });

  it('can be switched to instant at run time through the admin API', async () => {
    const { emulator, client } = await start({ clock: 'manual' });
    await register(client, 'd-3333333333');
    const res = await fetch(`${emulator.endpoint}/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'instant' }),
    });
    expect(res.status).toBe(200);
    await register(client, 'd-4444444444');
    expect(await directoryState(client, 'd-4444444444')).toBe('REGISTERED');
  });
});

describe('a data dir', () => {
  it('keeps pending transitions and the manual clock across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workspaces-local-'));
    dirs.push(dataDir);
    const first = await start({ clock: 'manual', dataDir });
    await register(first.client, 'd-5555555555');
    const frozenAt = first.emulator.clock.now().getTime();
    await first.emulator.close();
    running.splice(running.indexOf(first.emulator), 1);

    const second = await start({ clock: 'manual', dataDir });
    expect(second.emulator.clock.now().getTime()).toBe(frozenAt);
    expect(await directoryState(second.client, 'd-5555555555')).toBe('REGISTERING');
    second.emulator.clock.advanceToNext();
    expect(await directoryState(second.client, 'd-5555555555')).toBe('REGISTERED');
  });
});

async function clockOf(emulator: Emulator) {
  const res = await fetch(`${emulator.endpoint}/_emulator/clock`);
  expect(res.status).toBe(200);
  return (await res.json()) as { mode: string; now: string; pendingTransitions: number; nextTransitionAt: unknown };
}

async function postClock(emulator: Emulator, body: unknown) {
  const res = await fetch(`${emulator.endpoint}/_emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { pendingTransitions: number; nextTransitionAt: unknown };
}

describe('switching to the instant clock', () => {
  it.each(['manual', 'real'] as const)(
    'applies every transition already scheduled under the %s clock before the next answer',
    async (mode) => {
      const { emulator, client } = await start({ clock: mode });
      await register(client, 'd-7777777777');
      expect(await directoryState(client, 'd-7777777777')).toBe('REGISTERING');
      const switched = await postClock(emulator, { mode: 'instant' });
      expect(switched).toMatchObject({ pendingTransitions: 0, nextTransitionAt: null });
      expect(await directoryState(client, 'd-7777777777')).toBe('REGISTERED');
    },
  );

  it('does the same through the in-process clock', async () => {
    const { emulator, client } = await start({ clock: 'manual' });
    await register(client, 'd-7777777778');
    emulator.clock.setMode('instant');
    expect(await directoryState(client, 'd-7777777778')).toBe('REGISTERED');
  });
});

describe('GET /_emulator/clock', () => {
  it('applies overdue transitions first, so none is reported as pending', async () => {
    const { emulator, client } = await start({ clock: 'manual' });
    await register(client, 'd-8888888888');
    expect(await clockOf(emulator)).toMatchObject({ pendingTransitions: 1 });
    // Time passes with no request, as it does for a running clock between calls.
    emulator.app.clock.advance(60_000);
    expect(await clockOf(emulator)).toMatchObject({ pendingTransitions: 0, nextTransitionAt: null });
    expect(await directoryState(client, 'd-8888888888')).toBe('REGISTERED');
  });
});

describe('a data dir restarted with the manual clock', () => {
  it.each(['real', 'speed', 'instant', 'manual'] as const)(
    'resumes the instant the %s clock stopped at',
    async (mode) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'workspaces-local-'));
      dirs.push(dataDir);
      const first = await start({ clock: mode, speedFactor: 10, dataDir });
      first.emulator.clock.advance(86_400); // a day ahead of the wall clock, so the two cannot be confused
      await register(first.client, 'd-9999999999');
      const before = first.emulator.clock.now().getTime();
      await first.emulator.close();
      running.splice(running.indexOf(first.emulator), 1);
      const stoppedBy = Date.now() + 86_400_000;

      const second = await start({ clock: 'manual', dataDir });
      const resumed = second.emulator.clock.now().getTime();
      expect(resumed).toBeGreaterThanOrEqual(before);
      expect(resumed).toBeLessThanOrEqual(stoppedBy);
      expect((await clockOf(second.emulator)).now).toBe(new Date(resumed).toISOString());
      expect(second.emulator.clock.now().getTime()).toBe(resumed);
    },
  );
});
