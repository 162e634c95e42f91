// Eventual consistency switched on: a new WorkSpace, image or bundle stays out of its Describe call for the window,
// stepped with the manual clock; strong by default; settable per test through the admin API and in process.
import {
  CreateWorkspaceBundleCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConsistencyInputError, startEmulator } from '../../src/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { createWorkspace, world } from '../helpers/world.js';

const t = useEmulator();
const w = world(t);
const DIRECTORY = 'd-0000000001';
const VALUE_BUNDLE = 'wsb-bh8rsxt14';

beforeEach(() => {
  t.emulator.reset();
  t.emulator.consistency.set({ mode: 'strong', windowMs: 2000 });
});

const workspaceIds = async () =>
  ((await t.client().send(new DescribeWorkspacesCommand({}))).Workspaces ?? []).map((ws) => ws.WorkspaceId);

async function admin(method: 'GET' | 'POST', body?: unknown) {
  const res = await fetch(`${t.endpoint}/_emulator/consistency`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

describe('eventual consistency', () => {
  it('is off by default: a new WorkSpace is described at once', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    const id = await createWorkspace(client, { DirectoryId: DIRECTORY, UserName: 'alice', BundleId: VALUE_BUNDLE });
    expect(await workspaceIds()).toEqual([id]);
    expect(await admin('GET')).toEqual({ status: 200, body: { mode: 'strong', windowMs: 2000 } });
  });

  it('hides a new WorkSpace from DescribeWorkspaces, by id and in lists, until the window has passed', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    expect(await admin('POST', { mode: 'eventual', windowMs: 1500 })).toEqual({
      status: 200,
      body: { mode: 'eventual', windowMs: 1500 },
    });
    const id = await createWorkspace(client, { DirectoryId: DIRECTORY, UserName: 'alice', BundleId: VALUE_BUNDLE });
    const byId = async () =>
      (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.length;
    expect(await byId()).toBe(0);
    expect(await workspaceIds()).toEqual([]);
    t.emulator.clock.advance(1.499);
    expect(await byId()).toBe(0);
    t.emulator.clock.advance(0.001);
    expect(await byId()).toBe(1);
    expect(await workspaceIds()).toEqual([id]);
  });

  it('hides a new image and a new bundle the same way', async () => {
    const client = t.client();
    const imageId = await w.availableImage(client, 'seen');
    t.emulator.consistency.set({ mode: 'eventual' });
    const fresh = await w.importImage(client, 'fresh');
    const images = async () =>
      ((await client.send(new DescribeWorkspaceImagesCommand({}))).Images ?? []).map((i) => i.ImageId);
    expect(await images()).toEqual([imageId]);
    const created = await client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'b',
        BundleDescription: 'd',
        ImageId: imageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    const bundleId = created.WorkspaceBundle?.BundleId ?? '';
    const bundles = async () =>
      ((await client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: [bundleId] }))).Bundles ?? []).length;
    expect(await bundles()).toBe(0);
    t.emulator.clock.advance(2);
    expect(await bundles()).toBe(1);
    expect(await images()).toEqual([imageId, fresh]);
  });

  it('refuses settings it cannot apply, changing nothing', async () => {
    expect(await admin('POST', { mode: 'sometimes' })).toEqual({
      status: 400,
      body: { error: "mode must be 'strong' or 'eventual'" },
    });
    expect(await admin('POST', { windowMs: 300_001 })).toEqual({
      status: 400,
      body: { error: 'windowMs must be a whole number from 0 to 300000' },
    });
    expect(await admin('POST', { mode: 'eventual', delay: 5 })).toEqual({
      status: 400,
      body: { error: 'unknown field(s): delay' },
    });
    expect(() => t.emulator.consistency.set({ windowMs: -1 })).toThrow(ConsistencyInputError);
    expect(t.emulator.consistency.get()).toEqual({ mode: 'strong', windowMs: 2000 });
  });
});

describe('startEmulator({ consistency: "eventual" })', () => {
  const started = startEmulator({ clock: 'manual', consistency: 'eventual' });
  afterAll(async () => (await started).close());

  it('starts with eventual reads and the default window', async () => {
    expect((await started).consistency.get()).toEqual({ mode: 'eventual', windowMs: 2000 });
  });
});
