// WorkSpaces through the SDK: creation and its per-request failures, describing and paging, every lifecycle action
// stepped through time, property and state changes, connection status, snapshots, and account/Region isolation.
import {
  CreateWorkspacesCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceSnapshotsCommand,
  DescribeWorkspacesCommand,
  type DescribeWorkspacesCommandInput,
  DescribeWorkspacesConnectionStatusCommand,
  DisassociateWorkspaceApplicationCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  type WorkSpacesClient,
  type Workspace,
  type WorkspaceProperties,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { OFFICE_2016_APPLICATION_ID, publicBundles } from '../../src/domain/public-bundles.js';
import { emulatorQuotas } from '../../src/domain/quotas.js';
import type { BundleRecord } from '../../src/domain/records.js';
import type { WorkspaceDoc } from '../../src/domain/workspace-doc.js';
import type { Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

beforeEach(() => t.emulator.reset());

const REGION = 'us-east-1';
const SCOPE_A: Scope = { account: ACCOUNT_A, region: REGION };
const BUNDLE = 'wsb-bh8rsxt14';
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];
const HOUR = 3600;
const seconds = (ms: number) => ms / 1000;
const MODIFICATION_IN_PROGRESS =
  'The properties of this WorkSpace are currently under modification. Please try again in a moment.';

/** A public bundle that ships Office 2016 ("Plus" bundle), so its WorkSpaces carry an association. */
const officeBundle = (() => {
  const bundle = publicBundles.find((b) => b.ApplicationIds?.includes(OFFICE_2016_APPLICATION_ID));
  if (!bundle) throw new Error('the public catalog has no Office 2016 bundle');
  return bundle;
})();

const dirId = (n: number) => `d-${n.toString(16).padStart(10, '0')}`;

async function registerDirectory(client: WorkSpacesClient, n = 1): Promise<string> {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: dirId(n), SubnetIds: SUBNETS }));
  t.emulator.clock.advance(seconds(durations.directoryRegister));
  return dirId(n);
}

const request = (directoryId: string, userName: string, extra: Partial<WorkspaceRequest> = {}): WorkspaceRequest => ({
  DirectoryId: directoryId,
  UserName: userName,
  BundleId: BUNDLE,
  ...extra,
});

const create = (client: WorkSpacesClient, ...requests: WorkspaceRequest[]) =>
  client.send(new CreateWorkspacesCommand({ Workspaces: requests }));

async function createOne(client: WorkSpacesClient, directoryId: string, user = 'alice', extra = {}): Promise<string> {
  const out = await create(client, request(directoryId, user, extra));
  expect(out.FailedRequests).toEqual([]);
  const id = out.PendingRequests?.[0]?.WorkspaceId;
  if (!id) throw new Error('no WorkSpace created');
  return id;
}

/** A WorkSpace that has finished launching. */
async function launched(client: WorkSpacesClient, directoryId: string, user = 'alice', extra = {}): Promise<string> {
  const id = await createOne(client, directoryId, user, extra);
  t.emulator.clock.advance(seconds(durations.workspaceCreate));
  return id;
}

const autoStop: Partial<WorkspaceRequest> = { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } };

async function describeOne(client: WorkSpacesClient, id: string): Promise<Workspace | undefined> {
  const out = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }));
  return out.Workspaces?.[0];
}

const stateOf = async (client: WorkSpacesClient, id: string) => (await describeOne(client, id))?.State;

async function applicationsOf(client: WorkSpacesClient, id: string) {
  const out = await client.send(
    new DescribeWorkspaceAssociationsCommand({ WorkspaceId: id, AssociatedResourceTypes: ['APPLICATION'] }),
  );
  return (out.Associations ?? []).map((a) => ({ id: a.AssociatedResourceId, state: a.State }));
}

/** Writes a stored WorkSpace directly, for states no API call leads to. */
function patchWorkspace(id: string, patch: Partial<WorkspaceDoc>): void {
  const collection = t.emulator.app.store.collection<WorkspaceDoc>('workspace');
  const ws = collection.get(SCOPE_A, id);
  if (!ws) throw new Error(`no WorkSpace ${id}`);
  collection.put(SCOPE_A, id, { ...ws, ...patch });
}

function seedBundle(bundle: Partial<BundleRecord> & { BundleId: string }): void {
  const now = t.emulator.clock.now().getTime();
  t.emulator.app.store.collection<BundleRecord>('bundle').put(SCOPE_A, bundle.BundleId, {
    Name: bundle.BundleId,
    Owner: ACCOUNT_A,
    ImageId: 'wsi-abcdefghi',
    RootStorage: { Capacity: '80' },
    UserStorage: { Capacity: '10' },
    ComputeType: { Name: 'VALUE' },
    CreationTime: now,
    LastUpdatedTime: now,
    State: 'AVAILABLE',
    BundleType: 'REGULAR',
    OperatingSystemName: 'WINDOWS_10',
    ...bundle,
  });
}

const failure = (code: string, message: string | RegExp) =>
  expect.objectContaining({
    ErrorCode: code,
    ErrorMessage: typeof message === 'string' ? message : expect.stringMatching(message),
  });

describe('CreateWorkspaces', () => {
  it('returns a PENDING WorkSpace that becomes AVAILABLE after the creation time', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const out = await create(client, request(directoryId, 'alice'));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.FailedRequests).toEqual([]);
    const pending = out.PendingRequests?.[0];
    expect(pending?.WorkspaceId).toMatch(/^ws-[0-9a-z]{9}$/);
    expect(pending).toMatchObject({ DirectoryId: directoryId, UserName: 'alice', BundleId: BUNDLE, State: 'PENDING' });
    const id = pending?.WorkspaceId ?? '';

    t.emulator.clock.advance(seconds(durations.workspaceCreate) - 1);
    expect(await stateOf(client, id)).toBe('PENDING');
    t.emulator.clock.advance(1);
    const ws = await describeOne(client, id);
    expect(ws?.State).toBe('AVAILABLE');
    expect(ws?.IpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(ws?.ComputerName).toMatch(/^WSAMZN-/);
    expect(SUBNETS).toContain(ws?.SubnetId);
  });

  it('defaults the WorkSpace properties from the bundle', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    const ws = await describeOne(client, id);
    expect(ws?.WorkspaceProperties).toEqual({
      RunningMode: 'ALWAYS_ON',
      RootVolumeSizeGib: 80,
      UserVolumeSizeGib: 10,
      ComputeTypeName: 'VALUE',
      Protocols: ['PCOIP'],
      OperatingSystemName: 'WINDOWS_SERVER_2019',
    });
    expect(ws?.ModificationStates).toEqual([]);
    expect(ws).toMatchObject({ UserVolumeEncryptionEnabled: false, RootVolumeEncryptionEnabled: false });
  });

  it('gives AUTO_STOP a 60-minute timeout unless one is asked for', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const byDefault = await createOne(client, directoryId, 'alice', autoStop);
    const asked = await createOne(client, directoryId, 'bob', {
      WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 },
    });
    expect((await describeOne(client, byDefault))?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes).toBe(60);
    expect((await describeOne(client, asked))?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes).toBe(120);
  });

  it('stores the tags given at creation', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId, 'alice', { Tags: [{ Key: 'team', Value: 'blue' }] });
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: id }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it("installs the bundle's applications once the WorkSpace is AVAILABLE", async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId, 'alice', { BundleId: officeBundle.BundleId });
    expect(await applicationsOf(client, id)).toEqual([]);
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await applicationsOf(client, id)).toEqual([{ id: OFFICE_2016_APPLICATION_ID, state: 'COMPLETED' }]);
  });

  it('reports an unknown directory in FailedRequests', async () => {
    const client = t.client();
    const asked = request(dirId(9), 'alice');
    const out = await create(client, asked);
    expect(out.PendingRequests).toEqual([]);
    expect(out.FailedRequests).toEqual([
      {
        WorkspaceRequest: asked,
        ErrorCode: 'ResourceNotFound.Directory',
        ErrorMessage: 'The specified directory could not be found in the specified region.',
      },
    ]);
  });

  it('reports a directory that is not REGISTERED yet', async () => {
    const client = t.client();
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1), SubnetIds: SUBNETS }));
    const out = await create(client, request(dirId(1), 'alice'));
    expect(out.FailedRequests).toEqual([failure('InvalidResourceState.Directory', /is REGISTERING/)]);
  });

  it('reports a directory registered for WorkSpaces Pools', async () => {
    const client = t.client();
    const registered = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceType: 'POOLS',
        WorkspaceDirectoryName: 'pools',
        WorkspaceDirectoryDescription: 'pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        SubnetIds: SUBNETS,
      }),
    );
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    const out = await create(client, request(registered.DirectoryId ?? '', 'alice'));
    expect(out.FailedRequests).toEqual([failure('OperationNotSupported', /WorkSpaces Pools/)]);
  });

  it('reports an unknown bundle and a bundle that is not AVAILABLE', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    seedBundle({ BundleId: 'wsb-pending01', State: 'PENDING' });
    const out = await create(
      client,
      request(directoryId, 'alice', { BundleId: 'wsb-000000000' }),
      request(directoryId, 'bob', { BundleId: 'wsb-pending01' }),
    );
    expect(out.FailedRequests).toEqual([
      failure('ResourceNotFound.Bundle', 'The specified bundle could not be found in the specified region.'),
      failure('InvalidResourceState.Bundle', /is PENDING/),
    ]);
  });

  it('reports a user who already has a WorkSpace in the directory, whatever the case of the name', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const otherDirectory = await registerDirectory(client, 2);
    await createOne(client, directoryId, 'alice');
    const out = await create(
      client,
      request(directoryId, 'ALICE'),
      request(otherDirectory, 'alice'),
      request(directoryId, 'bob'),
      request(directoryId, 'Bob'),
    );
    const exists = failure('ResourceExists.WorkSpace', 'A WorkSpace already exists for the specified user.');
    expect(out.FailedRequests).toEqual([exists, exists]);
    expect(out.FailedRequests?.map((f) => f.WorkspaceRequest?.UserName)).toEqual(['ALICE', 'Bob']);
    expect(out.PendingRequests?.map((w) => [w.DirectoryId, w.UserName])).toEqual([
      [otherDirectory, 'alice'],
      [directoryId, 'bob'],
    ]);
  });

  it('lets a user have a new WorkSpace once the old one is TERMINATED', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const old = await launched(client, directoryId);
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: old }] }));
    expect((await create(client, request(directoryId, 'alice'))).FailedRequests).toEqual([
      failure('ResourceExists.WorkSpace', 'A WorkSpace already exists for the specified user.'),
    ]);
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect((await create(client, request(directoryId, 'alice'))).FailedRequests).toEqual([]);
  });

  it('reports an AutoStop timeout that does not fit the running mode', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const props = (p: WorkspaceProperties) => ({ WorkspaceProperties: p });
    const out = await create(
      client,
      request(directoryId, 'a', props({ RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 60 })),
      request(directoryId, 'b', props({ RunningMode: 'MANUAL', RunningModeAutoStopTimeoutInMinutes: 60 })),
      request(directoryId, 'c', props({ RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 90 })),
    );
    expect(out.FailedRequests).toEqual([
      failure(
        'AutoStopTimeoutIsNotApplicableForAnAlwaysOnWorkspace',
        'RunningModeAutoStopTimeoutInMinutes is not applicable for WorkSpace with running mode set to ALWAYS_ON.',
      ),
      failure(
        'AutoStopTimeoutIsNotDefaultForManualWorkspace',
        'RunningModeAutoStopTimeoutInMinutes is not applicable for WorkSpace with running mode set to MANUAL.',
      ),
      failure(
        'InvalidParameterValues',
        'RunningModeAutoStopTimeoutInMinutes must be configured in 60-minute intervals.',
      ),
    ]);
  });

  it('creates user-decoupled WorkSpaces by name and refuses names that do not fit', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const out = await create(
      client,
      request(directoryId, '[UNDEFINED]', { WorkspaceName: 'kiosk-1' }),
      request(directoryId, '[UNDEFINED]', { WorkspaceName: 'kiosk-2' }),
      request(directoryId, '[UNDEFINED]', { WorkspaceName: 'kiosk-1' }),
      request(directoryId, '[UNDEFINED]'),
      request(directoryId, 'alice', { WorkspaceName: 'kiosk-3' }),
    );
    expect(out.PendingRequests?.map((w) => w.WorkspaceName)).toEqual(['kiosk-1', 'kiosk-2']);
    expect(out.FailedRequests).toEqual([
      failure('ResourceExists.WorkSpace', 'A WorkSpace with the specified name already exists.'),
      failure('InvalidParameterValues', 'WorkspaceName is required when UserName is [UNDEFINED].'),
      failure('InvalidParameterValues', 'WorkspaceName is not applicable to user-assigned WorkSpaces.'),
    ]);
  });

  it('fails the whole call for volume sizes outside the groups of the compute type', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const attempt = (p: WorkspaceProperties) =>
      create(client, request(directoryId, 'ok'), request(directoryId, 'alice', { WorkspaceProperties: p }));
    await expect(attempt({ UserVolumeSizeGib: 60 })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'Regular: Invalid root and user volume size selected. Root and user volume size (GB) must be (80|10), (80|50), (80|100) or (175+|100+).',
    });
    await expect(attempt({ ComputeTypeName: 'GRAPHICS_G4DN' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'Graphics: Invalid root and user volume size selected. Root and user volume size (GB) must be (100+|100+).',
    });
    await expect(attempt({ RootVolumeSizeGib: 2001, UserVolumeSizeGib: 100 })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    const described = await client.send(new DescribeWorkspacesCommand({ DirectoryId: directoryId }));
    expect(described.Workspaces).toEqual([]);
  });

  it('accepts larger volumes from a valid group', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId, 'alice', {
      WorkspaceProperties: { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 },
    });
    expect((await describeOne(client, id))?.WorkspaceProperties).toMatchObject({
      RootVolumeSizeGib: 175,
      UserVolumeSizeGib: 100,
    });
  });

  it("fails the whole call for volumes smaller than the bundle's", async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    seedBundle({ BundleId: 'wsb-big000001', RootStorage: { Capacity: '175' }, UserStorage: { Capacity: '100' } });
    const asked = request(directoryId, 'alice', {
      BundleId: 'wsb-big000001',
      WorkspaceProperties: { RootVolumeSizeGib: 80, UserVolumeSizeGib: 10 },
    });
    await expect(create(client, asked)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'The volumes of a WorkSpace cannot be smaller than those of its bundle wsb-big000001 (root 175 GB, user 100 GB).',
    });
  });

  it('reports the requests beyond the WorkSpaces quota as FailedRequests ResourceLimitExceeded', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const collection = t.emulator.app.store.collection<Partial<WorkspaceDoc>>('workspace');
    for (let i = 0; i < emulatorQuotas.workspaces - 1; i++) {
      collection.put(SCOPE_A, `ws-seed${i}`, {
        WorkspaceId: `ws-seed${i}`,
        DirectoryId: dirId(99),
        State: 'AVAILABLE',
      });
    }
    const out = await create(client, request(directoryId, 'a'), request(directoryId, 'b'));
    expect(out.PendingRequests?.map((w) => w.UserName)).toEqual(['a']);
    expect(out.FailedRequests).toEqual([
      {
        WorkspaceRequest: request(directoryId, 'b'),
        ErrorCode: 'ResourceLimitExceeded',
        ErrorMessage: `The workspaces quota of this account in us-east-1 (${emulatorQuotas.workspaces}) has been reached. Terminate WorkSpaces you no longer need, or request a quota increase, and try again.`,
      },
    ]);
  });
});

describe('DescribeWorkspaces', () => {
  const invalidCombination =
    'An invalid number of parameters provided with DescribeWorkspaces. Only one of the following are allowed to be specified: BundleId, DirectoryId, WorkSpaceIds, Filters.';

  it.each<[string, DescribeWorkspacesCommandInput]>([
    ['WorkspaceIds with DirectoryId', { WorkspaceIds: ['ws-abcdefghi'], DirectoryId: dirId(1) }],
    ['DirectoryId with BundleId', { DirectoryId: dirId(1), BundleId: BUNDLE }],
    ['WorkspaceIds with BundleId', { WorkspaceIds: ['ws-abcdefghi'], BundleId: BUNDLE }],
    ['WorkspaceName with DirectoryId', { WorkspaceName: 'kiosk-1', DirectoryId: dirId(1) }],
  ])('rejects %s', async (_, input) => {
    await expect(t.client().send(new DescribeWorkspacesCommand(input))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: invalidCombination,
    });
  });

  it('rejects UserName without DirectoryId', async () => {
    await expect(t.client().send(new DescribeWorkspacesCommand({ UserName: 'alice' }))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The DirectoryId parameter is required when UserName is used.',
    });
  });

  it('filters by ids, directory, user, bundle and name', async () => {
    const client = t.client();
    const d1 = await registerDirectory(client, 1);
    const d2 = await registerDirectory(client, 2);
    const alice = await createOne(client, d1, 'Alice');
    const bob = await createOne(client, d1, 'bob', { BundleId: officeBundle.BundleId });
    const carol = await createOne(client, d2, 'carol');
    const kiosk = await createOne(client, d2, '[UNDEFINED]', { WorkspaceName: 'kiosk-1' });
    const ids = async (input: DescribeWorkspacesCommandInput) =>
      ((await client.send(new DescribeWorkspacesCommand(input))).Workspaces ?? []).map((w) => w.WorkspaceId);

    expect(await ids({})).toEqual([alice, bob, carol, kiosk]);
    expect(await ids({ WorkspaceIds: [carol, 'ws-unknown00', alice] })).toEqual([carol, alice]);
    expect(await ids({ DirectoryId: d1 })).toEqual([alice, bob]);
    expect(await ids({ DirectoryId: d1, UserName: 'alice' })).toEqual([alice]);
    expect(await ids({ DirectoryId: d2, UserName: 'alice' })).toEqual([]);
    expect(await ids({ BundleId: BUNDLE })).toEqual([alice, carol, kiosk]);
    expect(await ids({ WorkspaceName: 'kiosk-1' })).toEqual([kiosk]);
    expect(await ids({ DirectoryId: dirId(7) })).toEqual([]);
  });

  it('walks 30 WorkSpaces page by page without duplicates or gaps', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const users = Array.from({ length: 30 }, (_, i) => `user${i}`);
    const first = await create(client, ...users.slice(0, 25).map((u) => request(directoryId, u)));
    const second = await create(client, ...users.slice(25).map((u) => request(directoryId, u)));
    const created = [...(first.PendingRequests ?? []), ...(second.PendingRequests ?? [])].map((w) => w.WorkspaceId);
    expect(created).toHaveLength(30);

    for (const filter of [{}, { DirectoryId: directoryId }, { DirectoryId: directoryId, UserName: 'USER7' }]) {
      const seen: (string | undefined)[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(new DescribeWorkspacesCommand({ ...filter, Limit: 7, NextToken: token }));
        expect(out.Workspaces?.length).toBeLessThanOrEqual(7);
        seen.push(...(out.Workspaces ?? []).map((w) => w.WorkspaceId));
        token = out.NextToken;
        pages++;
      } while (token);
      const expected = 'UserName' in filter ? [created[7]] : created;
      expect(seen).toEqual(expected);
      if (!('UserName' in filter)) expect(pages).toBe(5);
    }
  });

  it('pages 25 WorkSpaces at a time by default', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    await create(client, ...Array.from({ length: 25 }, (_, i) => request(directoryId, `u${i}`)));
    await create(client, ...Array.from({ length: 5 }, (_, i) => request(directoryId, `v${i}`)));
    const page1 = await client.send(new DescribeWorkspacesCommand({}));
    expect(page1.Workspaces).toHaveLength(25);
    const page2 = await client.send(new DescribeWorkspacesCommand({ NextToken: page1.NextToken }));
    expect(page2.Workspaces).toHaveLength(5);
    expect(page2.NextToken).toBeUndefined();
  });

  it('pages an id list with Limit', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const ids = await Promise.all(['a', 'b', 'c'].map((u) => createOne(client, directoryId, u)));
    const page1 = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids, Limit: 2 }));
    expect(page1.Workspaces?.map((w) => w.WorkspaceId)).toEqual(ids.slice(0, 2));
    const page2 = await client.send(
      new DescribeWorkspacesCommand({ WorkspaceIds: ids, Limit: 2, NextToken: page1.NextToken }),
    );
    expect(page2.Workspaces?.map((w) => w.WorkspaceId)).toEqual(ids.slice(2));
    expect(page2.NextToken).toBeUndefined();
  });

  it('refuses a NextToken that is not one of its own', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const ids = await Promise.all(['a', 'b'].map((u) => createOne(client, directoryId, u)));
    const idsPage = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ids, Limit: 1 }));
    const invalidToken = {
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    };
    await expect(client.send(new DescribeWorkspacesCommand({ NextToken: 'not-a-token' }))).rejects.toMatchObject(
      invalidToken,
    );
    await expect(client.send(new DescribeWorkspacesCommand({ NextToken: idsPage.NextToken }))).rejects.toMatchObject(
      invalidToken,
    );
  });

  it('keeps a TERMINATED WorkSpace listed for a while, then drops it', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await stateOf(client, id)).toBe('TERMINATING');
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect(await stateOf(client, id)).toBe('TERMINATED');
    t.emulator.clock.advance(seconds(durations.workspaceTerminatedVisible) - 1);
    expect(await stateOf(client, id)).toBe('TERMINATED');
    t.emulator.clock.advance(1);
    expect(await describeOne(client, id)).toBeUndefined();
  });
});

describe('StartWorkspaces and StopWorkspaces', () => {
  it('stop an AUTO_STOP WorkSpace through STOPPING and start it through STARTING', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', autoStop);
    const stopped = await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(stopped.FailedRequests).toEqual([]);
    expect(await stateOf(client, id)).toBe('STOPPING');
    t.emulator.clock.advance(seconds(durations.workspaceStop));
    expect(await stateOf(client, id)).toBe('STOPPED');

    const started = await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(started.FailedRequests).toEqual([]);
    expect(await stateOf(client, id)).toBe('STARTING');
    t.emulator.clock.advance(seconds(durations.workspaceStart));
    expect(await stateOf(client, id)).toBe('AVAILABLE');
  });

  it('refuse an ALWAYS_ON WorkSpace', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    const out = await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(out.FailedRequests).toEqual([
      {
        WorkspaceId: id,
        ErrorCode: 'OperationNotSupported',
        ErrorMessage: `The WorkSpace ${id} cannot be stopped: only WorkSpaces with running mode AUTO_STOP or MANUAL can be started and stopped.`,
      },
    ]);
    expect(await stateOf(client, id)).toBe('AVAILABLE');
  });

  it('report WorkSpaces in the wrong state and unknown ones, and act on the rest', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const running = await launched(client, directoryId, 'alice', autoStop);
    const pending = await createOne(client, directoryId, 'bob', autoStop);
    const start = await client.send(
      new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: running }, {}] }),
    );
    expect(start.FailedRequests).toEqual([
      {
        WorkspaceId: running,
        ErrorCode: 'InvalidResourceState',
        ErrorMessage: `The WorkSpace ${running} cannot be started while its state is AVAILABLE.`,
      },
      { ErrorCode: 'InvalidParameterValues', ErrorMessage: 'A WorkspaceId is required in each request.' },
    ]);
    const stop = await client.send(
      new StopWorkspacesCommand({
        StopWorkspaceRequests: [{ WorkspaceId: pending }, { WorkspaceId: 'ws-unknown00' }, { WorkspaceId: running }],
      }),
    );
    expect(stop.FailedRequests).toEqual([
      {
        WorkspaceId: pending,
        ErrorCode: 'InvalidResourceState',
        ErrorMessage: `The WorkSpace ${pending} cannot be stopped while its state is PENDING.`,
      },
      {
        WorkspaceId: 'ws-unknown00',
        ErrorCode: 'ResourceNotFound.Workspace',
        ErrorMessage: 'The WorkSpace ws-unknown00 could not be found.',
      },
    ]);
    expect(await stateOf(client, running)).toBe('STOPPING');
  });
});

describe('RebootWorkspaces', () => {
  it('reboots an AVAILABLE WorkSpace through REBOOTING', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    const out = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(out.FailedRequests).toEqual([]);
    expect(await stateOf(client, id)).toBe('REBOOTING');
    t.emulator.clock.advance(seconds(durations.workspaceReboot));
    expect(await stateOf(client, id)).toBe('AVAILABLE');
  });

  it('refuses a WorkSpace that is rebooting already, or STOPPED', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const rebooting = await launched(client, directoryId, 'alice');
    const stopped = await launched(client, directoryId, 'bob', autoStop);
    await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: stopped }] }));
    t.emulator.clock.advance(seconds(durations.workspaceStop));
    await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: rebooting }] }));
    const out = await client.send(
      new RebootWorkspacesCommand({
        RebootWorkspaceRequests: [{ WorkspaceId: rebooting }, { WorkspaceId: stopped }],
      }),
    );
    expect(out.FailedRequests).toEqual([
      failure('InvalidResourceState', /is already rebooting/),
      failure('InvalidResourceState', `The WorkSpace ${stopped} cannot be rebooted while its state is STOPPED.`),
    ]);
  });

  it('reboots a WorkSpace stuck in REBOOTING for over 20 minutes', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    const longAgo = t.emulator.clock.now().getTime() - 21 * 60_000;
    patchWorkspace(id, { State: 'REBOOTING', StateChangedAt: longAgo });
    const out = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(out.FailedRequests).toEqual([]);
    t.emulator.clock.advance(seconds(durations.workspaceReboot));
    expect(await stateOf(client, id)).toBe('AVAILABLE');
  });
});

/** Uninstalls Office 2016 from a WorkSpace through the applications API, and waits until it is REMOVED. */
async function uninstallOffice(client: WorkSpacesClient, id: string): Promise<void> {
  await client.send(
    new DisassociateWorkspaceApplicationCommand({ WorkspaceId: id, ApplicationId: OFFICE_2016_APPLICATION_ID }),
  );
  await client.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: id }));
  t.emulator.clock.advance(60);
  expect(await applicationsOf(client, id)).toEqual([{ id: OFFICE_2016_APPLICATION_ID, state: 'REMOVED' }]);
  expect(await stateOf(client, id)).toBe('AVAILABLE');
}

describe('RebuildWorkspaces', () => {
  it("rebuilds through REBUILDING and brings back the bundle's applications", async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', { BundleId: officeBundle.BundleId });
    await uninstallOffice(client, id);

    const out = await client.send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(out.FailedRequests).toEqual([]);
    expect(await stateOf(client, id)).toBe('REBUILDING');
    t.emulator.clock.advance(seconds(durations.workspaceRebuild));
    expect(await stateOf(client, id)).toBe('AVAILABLE');
    expect(await applicationsOf(client, id)).toEqual([{ id: OFFICE_2016_APPLICATION_ID, state: 'COMPLETED' }]);
  });

  it('refuses a PENDING WorkSpace and an unknown one', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    const pending = await client.send(
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }),
    );
    expect(pending.FailedRequests).toEqual([
      failure('InvalidResourceState', `The WorkSpace ${id} cannot be rebuilt while its state is PENDING.`),
    ]);
    const unknown = await client.send(
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-unknown00' }] }),
    );
    expect(unknown.FailedRequests).toEqual([
      failure('ResourceNotFound.Workspace', 'The WorkSpace ws-unknown00 could not be found.'),
    ]);
  });
});

describe('RestoreWorkspace', () => {
  it('restores through RESTORING to the applications of the last snapshot', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', { BundleId: officeBundle.BundleId });
    t.emulator.clock.advance(13 * HOUR);
    await uninstallOffice(client, id);
    // An application installed after the snapshot disappears again.
    const now = t.emulator.clock.now().getTime();
    t.emulator.app.store.associations.put(SCOPE_A, {
      resourceType: 'WORKSPACE',
      resourceId: id,
      applicationId: 'wsa-abcdefghi',
      state: 'COMPLETED',
      created: now,
      updated: now,
    });

    const out = await client.send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await stateOf(client, id)).toBe('RESTORING');
    t.emulator.clock.advance(seconds(durations.workspaceRestore));
    expect(await stateOf(client, id)).toBe('AVAILABLE');
    expect(await applicationsOf(client, id)).toEqual([{ id: OFFICE_2016_APPLICATION_ID, state: 'COMPLETED' }]);
  });

  it('answers ResourceNotFoundException for an unknown WorkSpace', async () => {
    await expect(t.client().send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-unknown00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers OperationNotSupportedException in a state it cannot restore from', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const pending = await createOne(client, directoryId, 'alice');
    await expect(client.send(new RestoreWorkspaceCommand({ WorkspaceId: pending }))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `The WorkSpace ${pending} cannot be restored while its state is PENDING.`,
    });
    const maintained = await launched(client, directoryId, 'bob');
    await client.send(
      new ModifyWorkspaceStateCommand({ WorkspaceId: maintained, WorkspaceState: 'ADMIN_MAINTENANCE' }),
    );
    await expect(client.send(new RestoreWorkspaceCommand({ WorkspaceId: maintained }))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `The WorkSpace ${maintained} cannot be restored while its state is ADMIN_MAINTENANCE.`,
    });
  });

  it('answers OperationNotSupportedException for a WorkSpace that never had a snapshot', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    patchWorkspace(id, { State: 'ERROR' });
    await expect(client.send(new RestoreWorkspaceCommand({ WorkspaceId: id }))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `The WorkSpace ${id} has no snapshot to restore from yet.`,
    });
  });
});

describe('TerminateWorkspaces', () => {
  it('terminates through TERMINATING and takes tags and applications with it', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', {
      BundleId: officeBundle.BundleId,
      Tags: [{ Key: 'team', Value: 'blue' }],
    });
    const out = await client.send(
      new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }),
    );
    expect(out.FailedRequests).toEqual([]);
    expect(await stateOf(client, id)).toBe('TERMINATING');
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect(await stateOf(client, id)).toBe('TERMINATED');
    expect(t.emulator.app.store.tags.get(SCOPE_A, id)).toEqual([]);
    expect(t.emulator.app.store.associations.forResource(SCOPE_A, 'WORKSPACE', id)).toEqual([]);
    await expect(
      client.send(
        new DescribeWorkspaceAssociationsCommand({ WorkspaceId: id, AssociatedResourceTypes: ['APPLICATION'] }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('cancels the launch of a PENDING WorkSpace', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }));
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await stateOf(client, id)).toBe('TERMINATED');
    expect(t.emulator.app.store.transitions.pending(SCOPE_A, id).map((p) => p.kind)).toEqual(['workspaces.removed']);
  });

  it('accepts a WorkSpace that is terminating already, and reports unknown and SUSPENDED ones', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice');
    const suspended = await launched(client, directoryId, 'bob');
    patchWorkspace(suspended, { State: 'SUSPENDED' });
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }));
    const out = await client.send(
      new TerminateWorkspacesCommand({
        TerminateWorkspaceRequests: [{ WorkspaceId: id }, { WorkspaceId: 'ws-unknown00' }, { WorkspaceId: suspended }],
      }),
    );
    expect(out.FailedRequests).toEqual([
      failure('ResourceNotFound.Workspace', 'The WorkSpace ws-unknown00 could not be found.'),
      failure('InvalidResourceState', `The WorkSpace ${suspended} cannot be terminated while its state is SUSPENDED.`),
    ]);
  });
});

describe('ModifyWorkspaceProperties', () => {
  const modify = (client: WorkSpacesClient, id: string, props: WorkspaceProperties) =>
    client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: props }));
  const propertiesOf = async (client: WorkSpacesClient, id: string) =>
    (await describeOne(client, id))?.WorkspaceProperties;

  it('switches the running mode at once', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    const out = await modify(client, id, { RunningMode: 'AUTO_STOP' });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await propertiesOf(client, id)).toMatchObject({
      RunningMode: 'AUTO_STOP',
      RunningModeAutoStopTimeoutInMinutes: 60,
    });
    await modify(client, id, { RunningModeAutoStopTimeoutInMinutes: 180 });
    expect((await propertiesOf(client, id))?.RunningModeAutoStopTimeoutInMinutes).toBe(180);
    await modify(client, id, { RunningMode: 'ALWAYS_ON' });
    const props = await propertiesOf(client, id);
    expect(props?.RunningMode).toBe('ALWAYS_ON');
    expect(props?.RunningModeAutoStopTimeoutInMinutes).toBeUndefined();
    expect((await describeOne(client, id))?.ModificationStates).toEqual([]);
  });

  it('rejects an AutoStop timeout for an ALWAYS_ON WorkSpace', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    await expect(modify(client, id, { RunningModeAutoStopTimeoutInMinutes: 60 })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'RunningModeAutoStopTimeoutInMinutes is not applicable for WorkSpace with running mode set to ALWAYS_ON.',
    });
  });

  it('grows a volume through ModificationStates, 6 hours after launch', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    await expect(modify(client, id, { UserVolumeSizeGib: 50 })).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message:
        'The user volume of a WorkSpace can be increased once in a 6-hour period, starting 6 hours after launch.',
    });
    t.emulator.clock.advance(6 * HOUR);
    await modify(client, id, { UserVolumeSizeGib: 50 });
    let ws = await describeOne(client, id);
    expect(ws?.ModificationStates).toEqual([{ Resource: 'USER_VOLUME', State: 'UPDATE_INITIATED' }]);
    expect(ws?.WorkspaceProperties?.UserVolumeSizeGib).toBe(10);
    t.emulator.clock.advance(seconds(durations.workspaceModify / 2));
    expect((await describeOne(client, id))?.ModificationStates).toEqual([
      { Resource: 'USER_VOLUME', State: 'UPDATE_IN_PROGRESS' },
    ]);
    t.emulator.clock.advance(seconds(durations.workspaceModify / 2));
    ws = await describeOne(client, id);
    expect(ws?.ModificationStates).toEqual([]);
    expect(ws?.WorkspaceProperties?.UserVolumeSizeGib).toBe(50);
    expect(ws?.State).toBe('AVAILABLE');

    await expect(modify(client, id, { UserVolumeSizeGib: 100 })).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
    });
  });

  it('answers OperationInProgressException while a modification runs, and refuses lifecycle actions', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    t.emulator.clock.advance(6 * HOUR);
    await modify(client, id, { UserVolumeSizeGib: 100 });
    await expect(modify(client, id, { RunningMode: 'AUTO_STOP' })).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: MODIFICATION_IN_PROGRESS,
    });
    const reboot = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(reboot.FailedRequests).toEqual([failure('OperationInProgress', MODIFICATION_IN_PROGRESS)]);
    t.emulator.clock.advance(seconds(durations.workspaceModify));
    await modify(client, id, { RunningMode: 'AUTO_STOP' });
  });

  it('rejects volume changes that break the rules', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', {
      WorkspaceProperties: { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 },
    });
    t.emulator.clock.advance(6 * HOUR);
    const invalid = (message: string) => ({ name: 'InvalidParameterValuesException', message });
    await expect(modify(client, id, { RootVolumeSizeGib: 200, UserVolumeSizeGib: 200 })).rejects.toMatchObject(
      invalid('The root and user volumes of a WorkSpace cannot be increased at the same time.'),
    );
    await expect(modify(client, id, { UserVolumeSizeGib: 50 })).rejects.toMatchObject(
      invalid('The user volume of a WorkSpace cannot be decreased (it is 100 GB).'),
    );
    await expect(modify(client, id, { RootVolumeSizeGib: 2500 })).rejects.toMatchObject(
      invalid(
        'Regular: Invalid root and user volume size selected. Root and user volume size (GB) must be (80|10), (80|50), (80|100) or (175+|100+).',
      ),
    );
    await expect(modify(client, id, { RootVolumeSizeGib: 200, ComputeTypeName: 'STANDARD' })).rejects.toMatchObject(
      invalid('The volume sizes and the compute type of a WorkSpace cannot be changed at the same time.'),
    );
    // Sending the values the WorkSpace already has changes nothing.
    await modify(client, id, { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100, ComputeTypeName: 'VALUE' });
    expect((await describeOne(client, id))?.ModificationStates).toEqual([]);
  });

  it('grows the compute type once per 6 hours and shrinks it once per 30 days', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    const tooSoon = { name: 'InvalidResourceStateException' };
    await expect(modify(client, id, { ComputeTypeName: 'STANDARD' })).rejects.toMatchObject(tooSoon);
    t.emulator.clock.advance(6 * HOUR);
    await modify(client, id, { ComputeTypeName: 'STANDARD' });
    expect((await describeOne(client, id))?.ModificationStates).toEqual([
      { Resource: 'COMPUTE_TYPE', State: 'UPDATE_INITIATED' },
    ]);
    t.emulator.clock.advance(seconds(durations.workspaceModify));
    expect((await propertiesOf(client, id))?.ComputeTypeName).toBe('STANDARD');
    await expect(modify(client, id, { ComputeTypeName: 'PERFORMANCE' })).rejects.toMatchObject({
      ...tooSoon,
      message: 'A larger compute type can be requested once in a 6-hour period, starting 6 hours after launch.',
    });
    await modify(client, id, { ComputeTypeName: 'VALUE' });
    t.emulator.clock.advance(6 * HOUR);
    await modify(client, id, { ComputeTypeName: 'STANDARD' });
    t.emulator.clock.advance(seconds(durations.workspaceModify));
    await expect(modify(client, id, { ComputeTypeName: 'VALUE' })).rejects.toMatchObject({
      ...tooSoon,
      message: 'A smaller compute type can be requested once every 30 days.',
    });
  });

  it('refuses compute types that cannot be switched and volumes too small for the new type', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    t.emulator.clock.advance(6 * HOUR);
    await expect(modify(client, id, { ComputeTypeName: 'GRAPHICS_G4DN' })).rejects.toMatchObject({
      name: 'UnsupportedWorkspaceConfigurationException',
    });
    await expect(modify(client, id, { ComputeTypeName: 'GENERALPURPOSE_4XLARGE' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'GeneralPurpose: Invalid root and user volume size selected. Root and user volume size (GB) must be (175+|100+).',
    });
  });

  it('changes the protocol of a Windows WorkSpace and refuses PCoIP on Linux', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const windows = await launched(client, directoryId, 'alice');
    const linux = await launched(client, directoryId, 'bob', { BundleId: 'wsb-clj85qzj1' });
    expect((await propertiesOf(client, linux))?.Protocols).toEqual(['WSP']);
    await modify(client, windows, { Protocols: ['WSP'] });
    expect((await describeOne(client, windows))?.ModificationStates).toEqual([
      { Resource: 'PROTOCOL', State: 'UPDATE_INITIATED' },
    ]);
    t.emulator.clock.advance(seconds(durations.workspaceModify));
    expect((await propertiesOf(client, windows))?.Protocols).toEqual(['WSP']);
    await expect(modify(client, linux, { Protocols: ['PCOIP'] })).rejects.toMatchObject({
      name: 'UnsupportedWorkspaceConfigurationException',
      message: 'Linux WorkSpaces support only the WSP (DCV) protocol.',
    });
  });

  it('rejects a WorkSpace in the wrong state, an unknown one, and requests with nothing to change', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    await expect(modify(client, id, { RunningMode: 'AUTO_STOP' })).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The WorkSpace ${id} must be AVAILABLE or STOPPED to be modified; it is PENDING.`,
    });
    await expect(modify(client, 'ws-unknown00', { RunningMode: 'AUTO_STOP' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id }))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Specify WorkspaceProperties or DataReplication to modify.',
    });
  });

  it('rejects changing the operating system and replicating without a standby WorkSpace', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    await expect(modify(client, id, { OperatingSystemName: 'WINDOWS_11' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    await expect(
      client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, DataReplication: 'PRIMARY_AS_SOURCE' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    await client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, DataReplication: 'NO_REPLICATION' }));
    expect((await describeOne(client, id))?.DataReplicationSettings).toEqual({ DataReplication: 'NO_REPLICATION' });
  });
});

describe('ModifyWorkspaceState', () => {
  const setState = (client: WorkSpacesClient, id: string, state: 'AVAILABLE' | 'ADMIN_MAINTENANCE') =>
    client.send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: state }));

  it('moves an AVAILABLE WorkSpace into ADMIN_MAINTENANCE and back, ignoring lifecycle actions meanwhile', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId, 'alice', autoStop);
    await setState(client, id, 'ADMIN_MAINTENANCE');
    expect(await stateOf(client, id)).toBe('ADMIN_MAINTENANCE');
    const reboot = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    const stop = await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(reboot.FailedRequests).toEqual([failure('InvalidResourceState', /ADMIN_MAINTENANCE/)]);
    expect(stop.FailedRequests).toEqual([failure('InvalidResourceState', /ADMIN_MAINTENANCE/)]);
    await setState(client, id, 'AVAILABLE');
    expect(await stateOf(client, id)).toBe('AVAILABLE');
  });

  it('accepts the state the WorkSpace already has', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await launched(client, directoryId);
    await setState(client, id, 'AVAILABLE');
    await setState(client, id, 'ADMIN_MAINTENANCE');
    const again = await setState(client, id, 'ADMIN_MAINTENANCE');
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect(await stateOf(client, id)).toBe('ADMIN_MAINTENANCE');
  });

  it('answers InvalidResourceStateException from other states and ResourceNotFoundException for unknown ids', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    await expect(setState(client, id, 'ADMIN_MAINTENANCE')).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The WorkSpace ${id} must be AVAILABLE to be set to ADMIN_MAINTENANCE; it is PENDING.`,
    });
    await expect(setState(client, id, 'AVAILABLE')).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The WorkSpace ${id} must be ADMIN_MAINTENANCE to be set to AVAILABLE; it is PENDING.`,
    });
    await expect(setState(client, 'ws-unknown00', 'AVAILABLE')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('DescribeWorkspacesConnectionStatus', () => {
  it('shows running WorkSpaces DISCONNECTED and others UNKNOWN, checked now', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const running = await launched(client, directoryId, 'alice');
    const pending = await createOne(client, directoryId, 'bob');
    const out = await client.send(
      new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [running, pending, 'ws-unknown00'] }),
    );
    const now = t.emulator.clock.now();
    expect(out.WorkspacesConnectionStatus).toEqual([
      { WorkspaceId: running, ConnectionState: 'DISCONNECTED', ConnectionStateCheckTimestamp: now },
      { WorkspaceId: pending, ConnectionState: 'UNKNOWN', ConnectionStateCheckTimestamp: now },
    ]);
  });

  it('pages through every WorkSpace 25 at a time and refuses a foreign NextToken', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    await create(client, ...Array.from({ length: 25 }, (_, i) => request(directoryId, `u${i}`)));
    await create(client, ...Array.from({ length: 5 }, (_, i) => request(directoryId, `v${i}`)));
    const page1 = await client.send(new DescribeWorkspacesConnectionStatusCommand({}));
    expect(page1.WorkspacesConnectionStatus).toHaveLength(25);
    const page2 = await client.send(new DescribeWorkspacesConnectionStatusCommand({ NextToken: page1.NextToken }));
    expect(page2.WorkspacesConnectionStatus).toHaveLength(5);
    expect(page2.NextToken).toBeUndefined();
    const ids = [...(page1.WorkspacesConnectionStatus ?? []), ...(page2.WorkspacesConnectionStatus ?? [])].map(
      (s) => s.WorkspaceId,
    );
    expect(new Set(ids).size).toBe(30);

    const describePage = await client.send(new DescribeWorkspacesCommand({ Limit: 1 }));
    await expect(
      client.send(new DescribeWorkspacesConnectionStatusCommand({ NextToken: describePage.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });
});

describe('DescribeWorkspaceSnapshots', () => {
  it('has no snapshot before launch, one at launch, and a new one every 12 hours', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client);
    const id = await createOne(client, directoryId);
    const snapshots = () => client.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }));
    expect(await snapshots()).toMatchObject({ RebuildSnapshots: [], RestoreSnapshots: [] });

    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    const launchedAt = t.emulator.clock.now();
    expect(await snapshots()).toMatchObject({
      RebuildSnapshots: [{ SnapshotTime: launchedAt }],
      RestoreSnapshots: [{ SnapshotTime: launchedAt }],
    });
    t.emulator.clock.advance(12 * HOUR + 5);
    const next = new Date(launchedAt.getTime() + 12 * HOUR * 1000);
    expect(await snapshots()).toMatchObject({
      RebuildSnapshots: [{ SnapshotTime: next }],
      RestoreSnapshots: [{ SnapshotTime: next }],
    });
  });

  it('answers ResourceNotFoundException for an unknown WorkSpace', async () => {
    await expect(
      t.client().send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: 'ws-unknown00' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: expect.stringContaining('ws-unknown00') });
  });
});

describe('isolation', () => {
  it('keeps WorkSpaces apart between accounts and Regions', async () => {
    const clientA = t.client(ACCOUNT_A);
    const directoryId = await registerDirectory(clientA);
    const id = await launched(clientA, directoryId);

    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, 'eu-west-1')]) {
      expect((await other.send(new DescribeWorkspacesCommand({}))).Workspaces).toEqual([]);
      expect(await describeOne(other, id)).toBeUndefined();
      const terminate = await other.send(
        new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }),
      );
      expect(terminate.FailedRequests).toEqual([
        failure('ResourceNotFound.Workspace', `The WorkSpace ${id} could not be found.`),
      ]);
      const created = await create(other, request(directoryId, 'alice'));
      expect(created.FailedRequests).toEqual([failure('ResourceNotFound.Directory', /could not be found/)]);
      await expect(other.send(new RestoreWorkspaceCommand({ WorkspaceId: id }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    }
    expect(await stateOf(clientA, id)).toBe('AVAILABLE');
  });
});
