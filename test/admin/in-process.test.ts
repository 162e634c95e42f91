// The in-process API a Node test suite uses: startEmulator() with seed, reset, clock and close, many per process.
import {
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
} from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { type Emulator, type Fixture, FixtureError, startEmulator } from '../../src/index.js';
import { buildWorld, sdkClient } from './story.js';

const started: Emulator[] = [];

async function start(options: Parameters<typeof startEmulator>[0] = {}) {
  const emulator = await startEmulator({ clock: 'manual', ...options });
  started.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function directoryStates(emulator: Emulator) {
  const out = await sdkClient(emulator.endpoint).send(new DescribeWorkspaceDirectoriesCommand({}));
  return (out.Directories ?? []).map((d) => [d.DirectoryId, d.State]);
}

const register = (emulator: Emulator, DirectoryId: string) =>
  sdkClient(emulator.endpoint).send(
    new RegisterWorkspaceDirectoryCommand({ DirectoryId, SubnetIds: ['subnet-0a1b2c3d'] }),
  );

describe('startEmulator', () => {
  it('listens on a free loopback port and answers the SDK', async () => {
    const emulator = await start();
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
    expect(await directoryStates(emulator)).toEqual([]);
  });

  it('keeps two emulators in one process apart: state, reset and clock', async () => {
    const [one, two] = [await start(), await start()];
    expect(one.port).not.toBe(two.port);
    await register(one, 'd-1111111111');
    await register(two, 'd-2222222222');
    one.clock.advance(durations.directoryRegister / 1000);
    expect(await directoryStates(one)).toEqual([['d-1111111111', 'REGISTERED']]);
    expect(await directoryStates(two)).toEqual([['d-2222222222', 'REGISTERING']]);
    one.reset();
    expect(await directoryStates(one)).toEqual([]);
    expect(await directoryStates(two)).toEqual([['d-2222222222', 'REGISTERING']]);
  });

  it('starts from a seed: the SDK sees the seeded world, still moving on its clock', async () => {
    const source = await start();
    const world = await buildWorld(sdkClient(source.endpoint), (s) => source.clock.advance(s));
    await register(source, 'd-5555555555');
    const fixture = source.exportFixture();

    const seeded = await start({ seed: fixture });
    const client = sdkClient(seeded.endpoint);
    const workspaces = await client.send(new DescribeWorkspacesCommand({}));
    expect(workspaces.Workspaces?.map((w) => [w.WorkspaceId, w.State])).toEqual([[world.workspaceId, 'AVAILABLE']]);
    expect((await client.send(new DescribeTagsCommand({ ResourceId: world.workspaceId }))).TagList).toEqual([
      { Key: 'team', Value: 'blue' },
    ]);
    expect(await directoryStates(seeded)).toContainEqual(['d-5555555555', 'REGISTERING']);
    seeded.clock.advanceToNext();
    expect(await directoryStates(seeded)).toContainEqual(['d-5555555555', 'REGISTERED']);
  });

  it('seed() replaces the state of a running emulator and reports what it wrote', async () => {
    const source = await start();
    await register(source, 'd-1111111111');
    const target = await start();
    await register(target, 'd-2222222222');
    expect(target.seed(source.exportFixture())).toEqual({
      resources: 1,
      associations: 0,
      transitions: 1,
      tags: 0,
      imagePermissions: 0,
    });
    expect(await directoryStates(target)).toEqual([['d-1111111111', 'REGISTERING']]);
  });

  it('seed() into a running emulator with nothing pending brings the seeded transitions, due on its clock', async () => {
    const source = await start();
    await register(source, 'd-1111111111');
    const target = await start();
    expect(await directoryStates(target)).toEqual([]);
    target.seed(source.exportFixture());
    target.clock.advance(durations.directoryRegister / 1000);
    expect(await directoryStates(target)).toEqual([['d-1111111111', 'REGISTERED']]);
  });

  it('refuses an invalid seed with a FixtureError and keeps the state', async () => {
    const emulator = await start();
    await register(emulator, 'd-1111111111');
    const broken = { format: 'workspaces-local/fixture', version: 1, state: {} } as unknown as Fixture;
    expect(() => emulator.seed(broken)).toThrow(FixtureError);
    expect(() => emulator.seed(broken)).toThrow(/^invalid fixture: state.resources must be an array/);
    expect(await directoryStates(emulator)).toEqual([['d-1111111111', 'REGISTERING']]);
    await expect(startEmulator({ seed: broken })).rejects.toThrow(FixtureError);
  });

  it('close() stops listening and can be called twice', async () => {
    const emulator = await start();
    await emulator.close();
    await emulator.close();
    await expect(fetch(`${emulator.endpoint}/_emulator/health`)).rejects.toThrow();
  });
});
