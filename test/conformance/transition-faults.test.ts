// Transition faults through the SDK: every asynchronous change a fault can reach ends the way the fault says, with
// the model's error members filled, stepped with the manual clock.
import {
  CopyWorkspaceImageCommand,
  CreateUpdatedWorkspaceImageCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesPoolCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesPoolsCommand,
  MigrateWorkspaceCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesCommand,
  UpdateWorkspaceBundleCommand,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { transitionTable } from '../../src/faults/transitions.js';
import { FaultInputError, type FaultSpec } from '../../src/index.js';
import { ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { createWorkspace, SUBNETS, seconds, world } from '../helpers/world.js';

const t = useEmulator();
const w = world(t);
const DIRECTORY = 'd-0000000001';
const VALUE_BUNDLE = 'wsb-bh8rsxt14';
const STANDARD_BUNDLE = 'wsb-gk1wpk43z';
const HOUR = 3600;

beforeEach(() => {
  t.emulator.reset();
});

const fault = (spec: Omit<Extract<FaultSpec, { kind: 'transition' }>, 'kind'>) =>
  t.emulator.faults.add({ kind: 'transition', ...spec });

async function workspace(id: string) {
  const out = await t.client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }));
  return out.Workspaces?.[0];
}

/** An AVAILABLE AUTO_STOP WorkSpace of alice. */
async function available(user = 'alice') {
  const client = t.client();
  if (!(await client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.length) {
    await w.registerDirectory(client, DIRECTORY);
  }
  return w.launchWorkspace(client, {
    DirectoryId: DIRECTORY,
    UserName: user,
    BundleId: VALUE_BUNDLE,
    WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60 },
  });
}

describe('a workspace transition fault', () => {
  it('makes a creation end in ERROR with ErrorCode and ErrorMessage, once', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    const added = fault({ resource: 'workspace', transition: 'create', outcome: 'ERROR', count: 1 });
    const request = { DirectoryId: DIRECTORY, BundleId: VALUE_BUNDLE };
    const first = await createWorkspace(client, { ...request, UserName: 'alice' });
    const second = await createWorkspace(client, { ...request, UserName: 'bob' });
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await workspace(first)).toMatchObject({
      State: 'ERROR',
      ErrorCode: 'InternalError',
      ErrorMessage: 'The WorkSpace could not be created because of an internal error.',
    });
    expect((await workspace(second))?.State).toBe('AVAILABLE');
    expect(t.emulator.faults.list()).toEqual([
      expect.objectContaining({
        faultId: added.faultId,
        fired: 1,
        remaining: 0,
        hits: [expect.objectContaining({ target: first })],
      }),
    ]);
  });

  it('makes a creation end UNHEALTHY, launched (with its address) but not healthy, with the given id only', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    const first = await createWorkspace(client, { DirectoryId: DIRECTORY, BundleId: VALUE_BUNDLE, UserName: 'alice' });
    const second = await createWorkspace(client, { DirectoryId: DIRECTORY, BundleId: VALUE_BUNDLE, UserName: 'bob' });
    fault({ resource: 'workspace', transition: 'create', outcome: 'UNHEALTHY', id: second });
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect((await workspace(first))?.State).toBe('AVAILABLE');
    expect(await workspace(second)).toMatchObject({ State: 'UNHEALTHY', IpAddress: expect.any(String) });
  });

  it('makes start, stop, reboot, rebuild and restore end as asked', async () => {
    const client = t.client();
    const id = await available();
    const step = async (ms: number) => {
      t.emulator.clock.advance(seconds(ms));
      return (await workspace(id))?.State;
    };
    fault({ resource: 'workspace', transition: 'stop', outcome: 'AVAILABLE', count: 1 });
    await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceStop)).toBe('AVAILABLE');
    await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceStop)).toBe('STOPPED');

    fault({ resource: 'workspace', transition: 'start', outcome: 'STOPPED', count: 1 });
    await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceStart)).toBe('STOPPED');
    fault({ resource: 'workspace', transition: 'start', outcome: 'UNHEALTHY', count: 1 });
    await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceStart)).toBe('UNHEALTHY');

    fault({ resource: 'workspace', transition: 'reboot', outcome: 'ERROR', count: 1 });
    await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceReboot)).toBe('ERROR');

    fault({ resource: 'workspace', transition: 'rebuild', outcome: 'UNHEALTHY', count: 1 });
    await client.send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await step(durations.workspaceRebuild)).toBe('UNHEALTHY');

    t.emulator.clock.advance(13 * HOUR);
    fault({ resource: 'workspace', transition: 'restore', outcome: 'ERROR', count: 1 });
    await client.send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    expect(await step(durations.workspaceRestore)).toBe('ERROR');
    expect(t.emulator.faults.list().map((f) => f.fired)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('makes a migration fail: the new WorkSpace ends in ERROR and the source stays', async () => {
    const client = t.client();
    const source = await available();
    fault({ resource: 'workspace', transition: 'migrate', id: source, errorMessage: 'Migration failed.' });
    const out = await client.send(
      new MigrateWorkspaceCommand({ SourceWorkspaceId: source, BundleId: STANDARD_BUNDLE }),
    );
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    expect(await workspace(out.TargetWorkspaceId ?? '')).toMatchObject({
      State: 'ERROR',
      ErrorCode: 'InternalError',
      ErrorMessage: 'Migration failed.',
    });
    expect((await workspace(source))?.State).toBe('AVAILABLE');
  });

  it('spares other accounts and Regions than its selectors name', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    fault({ resource: 'workspace', transition: 'create', account: ACCOUNT_B });
    fault({ resource: 'workspace', transition: 'create', region: 'eu-west-1' });
    const id = await createWorkspace(client, { DirectoryId: DIRECTORY, BundleId: VALUE_BUNDLE, UserName: 'alice' });
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect((await workspace(id))?.State).toBe('AVAILABLE');
    expect(t.emulator.faults.list().map((f) => f.fired)).toEqual([0, 0]);
  });
});

describe('an image transition fault', () => {
  async function image(id: string) {
    const out = await t.client().send(new DescribeWorkspaceImagesCommand({ ImageIds: [id] }));
    return out.Images?.[0];
  }

  it('makes CreateWorkspaceImage end in ERROR with ErrorCode, ErrorMessage and ErrorDetails, and the WorkSpace resume', async () => {
    const client = t.client();
    const ws = await available();
    fault({ resource: 'image', transition: 'create' });
    const out = await client.send(new CreateWorkspaceImageCommand({ Name: 'img', Description: 'd', WorkspaceId: ws }));
    t.emulator.clock.advance(seconds(durations.imageCreate));
    expect(await image(out.ImageId ?? '')).toMatchObject({
      State: 'ERROR',
      ErrorCode: 'ImageCreationFailed',
      ErrorMessage: 'The image could not be created.',
      ErrorDetails: [{ ErrorCode: 'UnknownError', ErrorMessage: 'The image failed the UnknownError check.' }],
    });
    expect((await workspace(ws))?.State).toBe('AVAILABLE');
  });

  it('makes an import and a copy end in ERROR with the details asked for', async () => {
    const client = t.client();
    fault({
      resource: 'image',
      transition: 'import',
      errorCode: 'ValidationFailed',
      errorMessage: 'The image did not pass validation.',
      errorDetails: ['OfficeInstalled', 'DiskFreeSpace'],
      count: 1,
    });
    const imported = await w.importImage(client, 'byol');
    t.emulator.clock.advance(seconds(durations.imageImport));
    expect(await image(imported)).toMatchObject({
      State: 'ERROR',
      ErrorCode: 'ValidationFailed',
      ErrorMessage: 'The image did not pass validation.',
      ErrorDetails: [
        { ErrorCode: 'OfficeInstalled', ErrorMessage: 'The image failed the OfficeInstalled check.' },
        { ErrorCode: 'DiskFreeSpace', ErrorMessage: 'The image failed the DiskFreeSpace check.' },
      ],
    });
    const source = await w.availableImage(client, 'source');
    fault({ resource: 'image', transition: 'copy' });
    const copy = await client.send(
      new CopyWorkspaceImageCommand({ Name: 'copy', SourceImageId: source, SourceRegion: 'us-east-1' }),
    );
    t.emulator.clock.advance(seconds(durations.imageCopy));
    expect((await image(copy.ImageId ?? ''))?.State).toBe('ERROR');
    expect((await image(source))?.State).toBe('AVAILABLE');
  });

  it('makes CreateUpdatedWorkspaceImage end in ERROR', async () => {
    const client = t.client();
    const ws = await available();
    const made = await client.send(
      new CreateWorkspaceImageCommand({ Name: 'base', Description: 'd', WorkspaceId: ws }),
    );
    t.emulator.clock.advance(seconds(durations.imageCreate) + 31 * 24 * HOUR);
    fault({ resource: 'image', transition: 'update', errorMessage: 'The update failed.' });
    const updated = await client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'updated', Description: 'u', SourceImageId: made.ImageId ?? '' }),
    );
    t.emulator.clock.advance(seconds(durations.imageCreate));
    expect(await image(updated.ImageId ?? '')).toMatchObject({ State: 'ERROR', ErrorMessage: 'The update failed.' });
  });
});

describe('a directory, bundle or pool transition fault', () => {
  it('makes a directory registration end in ERROR with its ErrorMessage', async () => {
    const client = t.client();
    fault({ resource: 'directory', transition: 'register', errorMessage: 'The subnets cannot reach the directory.' });
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: SUBNETS }));
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [DIRECTORY] }));
    expect(out.Directories?.[0]).toMatchObject({
      State: 'ERROR',
      ErrorMessage: 'The subnets cannot reach the directory.',
    });
  });

  it('makes a bundle creation end in ERROR', async () => {
    const client = t.client();
    const imageId = await w.availableImage(client, 'for-bundle');
    fault({ resource: 'bundle', transition: 'create' });
    const out = await client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'b',
        BundleDescription: 'd',
        ImageId: imageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const bundleId = out.WorkspaceBundle?.BundleId ?? '';
    const described = await client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: [bundleId] }));
    expect(described.Bundles?.[0]?.State).toBe('ERROR');
  });

  it('makes a bundle update end in ERROR with its previous image, for the bundle it names, once', async () => {
    const client = t.client();
    const oldImage = await w.availableImage(client, 'old');
    const newImage = await w.availableImage(client, 'new');
    const bundle = async (name: string) => {
      const out = await client.send(
        new CreateWorkspaceBundleCommand({
          BundleName: name,
          BundleDescription: 'd',
          ImageId: oldImage,
          ComputeType: { Name: 'STANDARD' },
          UserStorage: { Capacity: '50' },
        }),
      );
      return out.WorkspaceBundle?.BundleId ?? '';
    };
    const [failing, spared] = [await bundle('failing'), await bundle('spared')];
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const added = fault({ resource: 'bundle', transition: 'update', outcome: 'ERROR', id: failing, count: 1 });
    const update = (BundleId: string) => client.send(new UpdateWorkspaceBundleCommand({ BundleId, ImageId: newImage }));
    const describe = async () =>
      (await client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: [failing, spared] }))).Bundles;
    await update(failing);
    await update(spared);
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect(await describe()).toEqual([
      expect.objectContaining({ BundleId: failing, State: 'ERROR', ImageId: oldImage }),
      expect.objectContaining({ BundleId: spared, State: 'AVAILABLE', ImageId: newImage }),
    ]);
    expect(t.emulator.faults.list()).toEqual([
      expect.objectContaining({
        faultId: added.faultId,
        fired: 1,
        hits: [expect.objectContaining({ target: failing })],
      }),
    ]);
    await update(failing);
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect((await describe())?.[0]).toMatchObject({ State: 'AVAILABLE', ImageId: newImage });
  });

  it('makes a pool start end STOPPED with the error in Errors, and a later start clear it', async () => {
    const client = t.client();
    const dir = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceType: 'POOLS',
        WorkspaceDirectoryName: 'pools',
        WorkspaceDirectoryDescription: 'pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        SubnetIds: SUBNETS,
      }),
    );
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    const created = await client.send(
      new CreateWorkspacesPoolCommand({
        PoolName: 'pool-1',
        Description: 'desks',
        BundleId: 'wsb-gqbt42cw7',
        DirectoryId: dir.DirectoryId ?? '',
        Capacity: { DesiredUserSessions: 2 },
      }),
    );
    const PoolId = created.WorkspacesPool?.PoolId ?? '';
    t.emulator.clock.advance(seconds(durations.poolCreate));
    fault({ resource: 'pool', transition: 'start', errorCode: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES', count: 1 });
    const pool = async () =>
      (await client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [PoolId] }))).WorkspacesPools?.[0];
    await client.send(new StartWorkspacesPoolCommand({ PoolId }));
    t.emulator.clock.advance(seconds(durations.poolStart));
    expect(await pool()).toMatchObject({
      State: 'STOPPED',
      Errors: [
        {
          ErrorCode: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES',
          ErrorMessage: 'The instances of the pool could not be provisioned.',
        },
      ],
    });
    await client.send(new StartWorkspacesPoolCommand({ PoolId }));
    t.emulator.clock.advance(seconds(durations.poolStart));
    const running = await pool();
    expect(running?.State).toBe('RUNNING');
    expect(running?.Errors).toBeUndefined();
  });
});

describe('a transition fault body', () => {
  it('is refused with the problem named when it cannot be applied', () => {
    const refusals: [unknown, string | RegExp][] = [
      [{ kind: 'transition', resource: 'desk' }, 'resource must be one of workspace, image, directory, bundle, pool'],
      [
        { kind: 'transition', resource: 'workspace', transition: 'explode' },
        'transition of a workspace must be one of create, start, stop, reboot, rebuild, restore, migrate',
      ],
      [
        { kind: 'transition', resource: 'workspace', transition: 'stop', outcome: 'UNHEALTHY' },
        'outcome of a workspace stop must be one of ERROR, AVAILABLE',
      ],
      [
        { kind: 'transition', resource: 'image', transition: 'copy', id: 'ws-123456789' },
        'id must be a string matching ^wsi-[0-9a-z]{9,63}$',
      ],
      [
        { kind: 'transition', resource: 'bundle', transition: 'delete' },
        'transition of a bundle must be one of create, update',
      ],
      [
        { kind: 'transition', resource: 'bundle', transition: 'update', errorCode: 'X' },
        'a failed bundle has no error code',
      ],
      [
        { kind: 'transition', resource: 'pool', transition: 'start', errorCode: 'NOPE' },
        /^errorCode must be one of IAM_SERVICE_ROLE_IS_MISSING, /,
      ],
      [
        { kind: 'transition', resource: 'image', transition: 'import', errorDetails: ['Nope'] },
        /^errorDetails must be 1 to 10 of OutdatedPowershellVersion, /,
      ],
      [
        { kind: 'transition', resource: 'directory', transition: 'register', errorDetails: ['UnknownError'] },
        'a failed directory has no error details',
      ],
      [
        { kind: 'transition', resource: 'workspace', transition: 'create', count: Number.POSITIVE_INFINITY },
        'count must be a whole number of changes from 1 to 1000000',
      ],
      [
        { kind: 'transition', resource: 'workspace', transition: 'create', probability: 0.5 },
        'unknown field(s): probability',
      ],
    ];
    for (const [body, message] of refusals) {
      expect(() => t.emulator.faults.add(body as FaultSpec)).toThrow(FaultInputError);
      expect(() => t.emulator.faults.add(body as FaultSpec)).toThrow(message);
    }
    expect(t.emulator.faults.list()).toEqual([]);
  });

  it('defaults its outcome to the first of the transition', () => {
    const added = fault({ resource: 'workspace', transition: 'start' });
    expect(added).toMatchObject({ outcome: transitionTable.workspace.start.outcomes[0] });
  });
});
