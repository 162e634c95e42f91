// WorkSpaces Pools through the SDK: creation and its checks, listing, filters and paging, start/stop/update/terminate
// stepped through time, streaming sessions seeded through the store, and account/Region isolation.
import {
  CreateWorkspacesPoolCommand,
  type CreateWorkspacesPoolCommandInput,
  DeregisterWorkspaceDirectoryCommand,
  DescribeTagsCommand,
  DescribeWorkspacesPoolSessionsCommand,
  DescribeWorkspacesPoolsCommand,
  RegisterWorkspaceDirectoryCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesPoolCommand,
  TerminateWorkspacesPoolCommand,
  TerminateWorkspacesPoolSessionCommand,
  UpdateWorkspacesPoolCommand,
  type WorkSpacesClient,
  type WorkspacesPool,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import type { PoolRecord, PoolSessionRecord } from '../../src/domain/pool-rules.js';
import { emulatorQuotas } from '../../src/domain/quotas.js';
import type { Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { SUBNETS, seconds, world } from '../helpers/world.js';

const t = useEmulator();
const w = world(t);

beforeEach(() => t.emulator.reset());

const REGION = 'us-east-1';
const SCOPE_A: Scope = { account: ACCOUNT_A, region: REGION };
const WINDOWS_BUNDLE = 'wsb-gqbt42cw7';
const OTHER_WINDOWS_BUNDLE = 'wsb-gk1wpk43z';
const LINUX_BUNDLE = 'wsb-g5rbnq51n';

/** Registers a WorkSpaces Pools directory (WorkSpaces issues its `wsd-` id) and waits until it is REGISTERED. */
async function poolsDirectory(client: WorkSpacesClient, name = 'pools-dir'): Promise<string> {
  const out = await client.send(
    new RegisterWorkspaceDirectoryCommand({
      WorkspaceType: 'POOLS',
      WorkspaceDirectoryName: name,
      WorkspaceDirectoryDescription: `${name} pools`,
      UserIdentityType: 'CUSTOMER_MANAGED',
      SubnetIds: SUBNETS,
    }),
  );
  t.emulator.clock.advance(seconds(durations.directoryRegister));
  return out.DirectoryId ?? '';
}

const createPool = (
  client: WorkSpacesClient,
  input: Partial<CreateWorkspacesPoolCommandInput> & { DirectoryId: string },
) =>
  client.send(
    new CreateWorkspacesPoolCommand({
      PoolName: 'pool-1',
      Description: 'Call center desktops',
      BundleId: WINDOWS_BUNDLE,
      Capacity: { DesiredUserSessions: 3 },
      ...input,
    }),
  );

type PoolExtras = Partial<Omit<CreateWorkspacesPoolCommandInput, 'DirectoryId'>>;

/** A pool that has finished CREATING (STOPPED). */
async function stoppedPool(client: WorkSpacesClient, directoryId: string, extra: PoolExtras = {}) {
  const out = await createPool(client, { DirectoryId: directoryId, ...extra });
  t.emulator.clock.advance(seconds(durations.poolCreate));
  return out.WorkspacesPool?.PoolId ?? '';
}

async function runningPool(client: WorkSpacesClient, directoryId: string, extra: PoolExtras = {}) {
  const poolId = await stoppedPool(client, directoryId, extra);
  await client.send(new StartWorkspacesPoolCommand({ PoolId: poolId }));
  t.emulator.clock.advance(seconds(durations.poolStart));
  return poolId;
}

async function describePool(client: WorkSpacesClient, poolId: string): Promise<WorkspacesPool | undefined> {
  const out = await client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [poolId] }));
  return out.WorkspacesPools?.[0];
}

const stateOf = async (client: WorkSpacesClient, poolId: string) => (await describePool(client, poolId))?.State;

const poolDocs = () => t.emulator.app.store.collection<PoolRecord>('pool');

const sessionId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Nobody streams from the emulator: tests put sessions into the stored pool. */
function seedSessions(poolId: string, users: string[]): string[] {
  const pool = poolDocs().get(SCOPE_A, poolId);
  if (!pool) throw new Error(`no pool ${poolId}`);
  const start = t.emulator.clock.now().getTime();
  const sessions: PoolSessionRecord[] = users.map((user, i) => ({
    SessionId: sessionId(pool.Sessions.length + i + 1),
    UserId: user,
    AuthenticationType: 'SAML',
    ConnectionState: 'CONNECTED',
    InstanceId: `i-0123456789abcdef${i}`,
    StartTime: start,
  }));
  poolDocs().put(SCOPE_A, poolId, { ...pool, Sessions: [...pool.Sessions, ...sessions] });
  return sessions.map((s) => s.SessionId ?? '');
}

describe('CreateWorkspacesPool', () => {
  it('creates a pool that is CREATING, then STOPPED, with AWS defaults filled in', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const before = t.emulator.clock.now();
    const out = await createPool(client, { DirectoryId: directoryId });
    const pool = out.WorkspacesPool;
    expect(pool).toMatchObject({
      PoolName: 'pool-1',
      Description: 'Call center desktops',
      State: 'CREATING',
      BundleId: WINDOWS_BUNDLE,
      DirectoryId: directoryId,
      RunningMode: 'AUTO_STOP',
      CapacityStatus: {
        DesiredUserSessions: 3,
        ActualUserSessions: 0,
        AvailableUserSessions: 0,
        ActiveUserSessions: 0,
      },
      ApplicationSettings: { Status: 'DISABLED' },
      TimeoutSettings: {
        DisconnectTimeoutInSeconds: 900,
        IdleDisconnectTimeoutInSeconds: 900,
        MaxUserDurationInSeconds: 57600,
      },
    });
    expect(pool?.PoolId).toMatch(/^wspool-[0-9a-z]{9}$/);
    expect(pool?.PoolArn).toBe(`arn:aws:workspaces:${REGION}:${ACCOUNT_A}:workspacespool/${pool?.PoolId}`);
    expect(pool?.CreatedAt?.getTime()).toBe(before.getTime());
    t.emulator.clock.advance(seconds(durations.poolCreate) - 1);
    expect(await stateOf(client, pool?.PoolId ?? '')).toBe('CREATING');
    t.emulator.clock.advance(1);
    expect(await stateOf(client, pool?.PoolId ?? '')).toBe('STOPPED');
  });

  it('keeps the settings it was given, and stores tags on the pool', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const out = await createPool(client, {
      DirectoryId: directoryId,
      RunningMode: 'ALWAYS_ON',
      ApplicationSettings: { Status: 'ENABLED', SettingsGroup: 'finance' },
      TimeoutSettings: { MaxUserDurationInSeconds: 2000 },
      Tags: [{ Key: 'team', Value: 'support' }],
    });
    const pool = out.WorkspacesPool;
    expect(pool?.RunningMode).toBe('ALWAYS_ON');
    expect(pool?.ApplicationSettings).toEqual({
      Status: 'ENABLED',
      SettingsGroup: 'finance',
      S3BucketName: `wspool-app-settings-${REGION}-${ACCOUNT_A}`,
    });
    expect(pool?.TimeoutSettings).toEqual({
      DisconnectTimeoutInSeconds: 900,
      IdleDisconnectTimeoutInSeconds: 900,
      MaxUserDurationInSeconds: 2000,
    });
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: pool?.PoolId ?? '' }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'support' }]);
  });

  it('reports an unknown directory as ResourceNotFoundException', async () => {
    await expect(createPool(t.client(), { DirectoryId: 'wsd-000000000' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        'The directory wsd-000000000 cannot be found. Confirm that it exists in your AWS account and Region, and try again.',
    });
  });

  it('refuses a directory registered for WorkSpaces Personal', async () => {
    const client = t.client();
    const directoryId = await w.registerDirectory(client, 'd-0000000001');
    await expect(createPool(client, { DirectoryId: directoryId })).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `The directory ${directoryId} is not registered for WorkSpaces Pools. Register a directory with WorkspaceType POOLS, and try again.`,
    });
  });

  it('refuses a directory that is still REGISTERING', async () => {
    const client = t.client();
    const out = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceType: 'POOLS',
        WorkspaceDirectoryName: 'young',
        WorkspaceDirectoryDescription: 'young pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        SubnetIds: SUBNETS,
      }),
    );
    await expect(createPool(client, { DirectoryId: out.DirectoryId ?? '' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The directory ${out.DirectoryId} is REGISTERING. A pool can use only a REGISTERED directory.`,
    });
  });

  it('reports an unknown bundle as ResourceNotFoundException', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    await expect(createPool(client, { DirectoryId: directoryId, BundleId: 'wsb-000000000' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a Linux bundle', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    await expect(createPool(client, { DirectoryId: directoryId, BundleId: LINUX_BUNDLE })).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `The bundle ${LINUX_BUNDLE} runs UBUNTU_22_04; WorkSpaces Pools support Windows bundles only.`,
    });
  });

  it('refuses a second pool with the same name in the Region, but not in another Region', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    await createPool(client, { DirectoryId: directoryId });
    await expect(createPool(client, { DirectoryId: directoryId })).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'A pool named pool-1 already exists in this Region. Choose another name, and try again.',
    });
    const west = t.client(ACCOUNT_A, 'us-west-2');
    const westDirectory = await poolsDirectory(west);
    await expect(createPool(west, { DirectoryId: westDirectory })).resolves.toBeDefined();
  });

  it(`refuses a pool beyond the quota of ${emulatorQuotas.pools}`, async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const seed = await createPool(client, { DirectoryId: directoryId, PoolName: 'seed' });
    const template = poolDocs().get(SCOPE_A, seed.WorkspacesPool?.PoolId ?? '');
    if (!template) throw new Error('no seed pool');
    for (let i = 1; i < emulatorQuotas.pools; i++) {
      const id = `wspool-${i.toString().padStart(9, '0')}`;
      poolDocs().put(SCOPE_A, id, { ...template, PoolId: id, PoolName: `seeded-${i}` });
    }
    await expect(createPool(client, { DirectoryId: directoryId })).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: `You have reached the limit of ${emulatorQuotas.pools} WorkSpaces pools in this Region.`,
    });
  });

  it('keeps its directory from being deregistered until the pool is gone', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const poolId = await stoppedPool(client, directoryId);
    await expect(
      client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: directoryId })),
    ).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
    await client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }));
    t.emulator.clock.advance(seconds(durations.poolDelete));
    await expect(
      client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: directoryId })),
    ).resolves.toBeDefined();
  });
});

describe('DescribeWorkspacesPools', () => {
  async function threePools(client: WorkSpacesClient) {
    const directoryId = await poolsDirectory(client);
    const ids: string[] = [];
    for (const name of ['sales-east', 'sales-west', 'support']) {
      const out = await createPool(client, { DirectoryId: directoryId, PoolName: name });
      ids.push(out.WorkspacesPool?.PoolId ?? '');
    }
    return ids;
  }

  const names = (pools: WorkspacesPool[] | undefined) => (pools ?? []).map((p) => p.PoolName);

  it('lists every pool of the account and Region in creation order', async () => {
    const client = t.client();
    await threePools(client);
    const out = await client.send(new DescribeWorkspacesPoolsCommand({}));
    expect(names(out.WorkspacesPools)).toEqual(['sales-east', 'sales-west', 'support']);
    expect(out.NextToken).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown PoolId', async () => {
    const client = t.client();
    const [first] = await threePools(client);
    await expect(
      client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [first ?? '', 'wspool-000000000'] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wspool-000000000' });
  });

  it('filters by PoolName with each operator', async () => {
    const client = t.client();
    await threePools(client);
    const filtered = async (Operator: 'EQUALS' | 'NOTEQUALS' | 'CONTAINS' | 'NOTCONTAINS', Values: string[]) =>
      names(
        (await client.send(new DescribeWorkspacesPoolsCommand({ Filters: [{ Name: 'PoolName', Operator, Values }] })))
          .WorkspacesPools,
      );
    expect(await filtered('EQUALS', ['support', 'nothing'])).toEqual(['support']);
    expect(await filtered('NOTEQUALS', ['support'])).toEqual(['sales-east', 'sales-west']);
    expect(await filtered('CONTAINS', ['sales'])).toEqual(['sales-east', 'sales-west']);
    expect(await filtered('NOTCONTAINS', ['east', 'port'])).toEqual(['sales-west']);
  });

  it('walks all pools across pages with no duplicates and no gaps', async () => {
    const client = t.client();
    const ids = await threePools(client);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await client.send(new DescribeWorkspacesPoolsCommand({ Limit: 2, NextToken }));
      expect((out.WorkspacesPools ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(out.WorkspacesPools ?? []).map((p) => p.PoolId ?? ''));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(seen).toEqual(ids);
  });

  it('pages through PoolIds, and refuses a token from the other listing', async () => {
    const client = t.client();
    const ids = await threePools(client);
    const first = await client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: ids, Limit: 2 }));
    expect(first.WorkspacesPools?.map((p) => p.PoolId)).toEqual(ids.slice(0, 2));
    const second = await client.send(
      new DescribeWorkspacesPoolsCommand({ PoolIds: ids, Limit: 2, NextToken: first.NextToken }),
    );
    expect(second.WorkspacesPools?.map((p) => p.PoolId)).toEqual(ids.slice(2));
    expect(second.NextToken).toBeUndefined();
    await expect(client.send(new DescribeWorkspacesPoolsCommand({ NextToken: first.NextToken }))).rejects.toMatchObject(
      { name: 'InvalidParameterValuesException' },
    );
  });

  it('shows a pool to its own account and Region only', async () => {
    const client = t.client();
    const [poolId = ''] = await threePools(client);
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, 'eu-west-1')]) {
      expect((await other.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools).toEqual([]);
      await expect(other.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [poolId] }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      await expect(other.send(new StartWorkspacesPoolCommand({ PoolId: poolId }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    }
  });
});

describe('StartWorkspacesPool and StopWorkspacesPool', () => {
  it('starts a STOPPED pool through STARTING to RUNNING with its desired capacity available', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client));
    expect(await client.send(new StartWorkspacesPoolCommand({ PoolId: poolId }))).toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    expect(await stateOf(client, poolId)).toBe('STARTING');
    t.emulator.clock.advance(seconds(durations.poolStart));
    expect(await describePool(client, poolId)).toMatchObject({
      State: 'RUNNING',
      CapacityStatus: {
        DesiredUserSessions: 3,
        ActualUserSessions: 3,
        AvailableUserSessions: 3,
        ActiveUserSessions: 0,
      },
    });
  });

  it('stops a RUNNING pool through STOPPING to STOPPED and releases its capacity', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    await client.send(new StopWorkspacesPoolCommand({ PoolId: poolId }));
    expect(await stateOf(client, poolId)).toBe('STOPPING');
    t.emulator.clock.advance(seconds(durations.poolStop));
    expect(await describePool(client, poolId)).toMatchObject({
      State: 'STOPPED',
      CapacityStatus: { ActualUserSessions: 0, AvailableUserSessions: 0 },
    });
  });

  it('starts an ALWAYS_ON pool too', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client), { RunningMode: 'ALWAYS_ON' });
    expect(await stateOf(client, poolId)).toBe('RUNNING');
  });

  it('answers OperationInProgressException while the pool is still CREATING', async () => {
    const client = t.client();
    const out = await createPool(client, { DirectoryId: await poolsDirectory(client) });
    const poolId = out.WorkspacesPool?.PoolId ?? '';
    await expect(client.send(new StartWorkspacesPoolCommand({ PoolId: poolId }))).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: `The pool ${poolId} is CREATING. Wait until the current operation completes, and try again.`,
    });
  });

  it('refuses to start a RUNNING pool and to stop a STOPPED one', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const stopped = await stoppedPool(client, directoryId, { PoolName: 'stopped' });
    const running = await runningPool(client, directoryId, { PoolName: 'running' });
    await expect(client.send(new StartWorkspacesPoolCommand({ PoolId: running }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The pool ${running} cannot be started while its state is RUNNING.`,
    });
    await expect(client.send(new StopWorkspacesPoolCommand({ PoolId: stopped }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The pool ${stopped} cannot be stopped while its state is STOPPED.`,
    });
  });

  it('reports an unknown pool as ResourceNotFoundException', async () => {
    await expect(t.client().send(new StopWorkspacesPoolCommand({ PoolId: 'wspool-000000000' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        'The WorkSpaces pool wspool-000000000 cannot be found. Confirm that it exists in your AWS account and Region, and try again.',
      ResourceId: 'wspool-000000000',
    });
  });
});

describe('UpdateWorkspacesPool', () => {
  it('changes a STOPPED pool at once and returns it', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client));
    const out = await client.send(
      new UpdateWorkspacesPoolCommand({
        PoolId: poolId,
        Description: 'Updated',
        Capacity: { DesiredUserSessions: 7 },
        RunningMode: 'ALWAYS_ON',
        BundleId: OTHER_WINDOWS_BUNDLE,
        TimeoutSettings: { IdleDisconnectTimeoutInSeconds: 0 },
      }),
    );
    expect(out.WorkspacesPool).toMatchObject({
      State: 'STOPPED',
      Description: 'Updated',
      RunningMode: 'ALWAYS_ON',
      BundleId: OTHER_WINDOWS_BUNDLE,
      CapacityStatus: { DesiredUserSessions: 7, ActualUserSessions: 0 },
      TimeoutSettings: {
        DisconnectTimeoutInSeconds: 900,
        IdleDisconnectTimeoutInSeconds: 0,
        MaxUserDurationInSeconds: 57600,
      },
    });
    expect(await describePool(client, poolId)).toMatchObject({ Description: 'Updated', RunningMode: 'ALWAYS_ON' });
  });

  it('takes a RUNNING pool through UPDATING when its capacity changes', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const out = await client.send(
      new UpdateWorkspacesPoolCommand({ PoolId: poolId, Capacity: { DesiredUserSessions: 5 } }),
    );
    expect(out.WorkspacesPool).toMatchObject({
      State: 'UPDATING',
      CapacityStatus: { DesiredUserSessions: 5, ActualUserSessions: 3 },
    });
    await expect(client.send(new StopWorkspacesPoolCommand({ PoolId: poolId }))).rejects.toMatchObject({
      name: 'OperationInProgressException',
    });
    t.emulator.clock.advance(seconds(durations.poolUpdate));
    expect(await describePool(client, poolId)).toMatchObject({
      State: 'RUNNING',
      CapacityStatus: { DesiredUserSessions: 5, ActualUserSessions: 5, AvailableUserSessions: 5 },
    });
  });

  it('changes the description of a RUNNING pool without an UPDATING phase', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const out = await client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, Description: 'Renamed' }));
    expect(out.WorkspacesPool).toMatchObject({ State: 'RUNNING', Description: 'Renamed' });
  });

  it('refuses a new running mode or directory unless the pool is STOPPED', async () => {
    const client = t.client();
    const directoryId = await poolsDirectory(client);
    const poolId = await runningPool(client, directoryId);
    const message = `The running mode and directory of a pool can be changed only while it is STOPPED; the pool ${poolId} is RUNNING.`;
    await expect(
      client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, RunningMode: 'ALWAYS_ON' })),
    ).rejects.toMatchObject({ name: 'InvalidResourceStateException', message });
    const other = await poolsDirectory(client, 'other-dir');
    await expect(
      client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, DirectoryId: other })),
    ).rejects.toMatchObject({ name: 'InvalidResourceStateException', message });
  });

  it('moves a STOPPED pool to another Pools directory, but not to a Personal one', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client));
    const other = await poolsDirectory(client, 'other-dir');
    const out = await client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, DirectoryId: other }));
    expect(out.WorkspacesPool?.DirectoryId).toBe(other);
    const personal = await w.registerDirectory(client, 'd-0000000002');
    await expect(
      client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, DirectoryId: personal })),
    ).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
  });

  it('reports an unknown bundle as ResourceNotFoundException and changes nothing', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client));
    await expect(
      client.send(
        new UpdateWorkspacesPoolCommand({ PoolId: poolId, BundleId: 'wsb-000000000', Description: 'Not applied' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await describePool(client, poolId))?.Description).toBe('Call center desktops');
  });

  it('answers OperationInProgressException while the pool is STARTING', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client));
    await client.send(new StartWorkspacesPoolCommand({ PoolId: poolId }));
    await expect(
      client.send(new UpdateWorkspacesPoolCommand({ PoolId: poolId, Description: 'Too soon' })),
    ).rejects.toMatchObject({ name: 'OperationInProgressException' });
  });
});

describe('TerminateWorkspacesPool', () => {
  it('deletes a STOPPED pool through DELETING, then the pool and its tags are gone', async () => {
    const client = t.client();
    const poolId = await stoppedPool(client, await poolsDirectory(client), { Tags: [{ Key: 'k', Value: 'v' }] });
    await client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }));
    expect(await stateOf(client, poolId)).toBe('DELETING');
    t.emulator.clock.advance(seconds(durations.poolDelete));
    await expect(client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [poolId] }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new DescribeTagsCommand({ ResourceId: poolId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(t.emulator.app.store.tags.get(SCOPE_A, poolId)).toEqual([]);
  });

  it('stops a RUNNING pool first: STOPPING, then DELETING, then gone', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    await client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }));
    expect(await stateOf(client, poolId)).toBe('STOPPING');
    t.emulator.clock.advance(seconds(durations.poolStop));
    expect(await stateOf(client, poolId)).toBe('DELETING');
    t.emulator.clock.advance(seconds(durations.poolDelete));
    expect((await client.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools).toEqual([]);
  });

  it('answers OperationInProgressException while CREATING and InvalidResourceStateException while DELETING', async () => {
    const client = t.client();
    const out = await createPool(client, { DirectoryId: await poolsDirectory(client) });
    const poolId = out.WorkspacesPool?.PoolId ?? '';
    await expect(client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }))).rejects.toMatchObject({
      name: 'OperationInProgressException',
    });
    t.emulator.clock.advance(seconds(durations.poolCreate));
    await client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }));
    await expect(client.send(new TerminateWorkspacesPoolCommand({ PoolId: poolId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The pool ${poolId} cannot be terminated while its state is DELETING.`,
    });
  });

  it('reports an unknown pool as ResourceNotFoundException', async () => {
    await expect(
      t.client().send(new TerminateWorkspacesPoolCommand({ PoolId: 'wspool-000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('DescribeWorkspacesPoolSessions', () => {
  it('lists no sessions: nobody streams from the emulator', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId }));
    expect(out.Sessions).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it('lists seeded sessions, filters them by UserId, and counts them as active capacity', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const [first] = seedSessions(poolId, ['alice', 'bob']);
    const all = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId }));
    expect(all.Sessions?.map((s) => s.UserId)).toEqual(['alice', 'bob']);
    expect(all.Sessions?.[0]).toMatchObject({
      SessionId: first,
      PoolId: poolId,
      UserId: 'alice',
      AuthenticationType: 'SAML',
      ConnectionState: 'CONNECTED',
    });
    expect(all.Sessions?.[0]?.StartTime).toBeInstanceOf(Date);
    const bob = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId, UserId: 'bob' }));
    expect(bob.Sessions?.map((s) => s.UserId)).toEqual(['bob']);
    expect((await describePool(client, poolId))?.CapacityStatus).toEqual({
      DesiredUserSessions: 3,
      ActualUserSessions: 3,
      ActiveUserSessions: 2,
      AvailableUserSessions: 1,
    });
  });

  it('pages through sessions with Limit', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const ids = seedSessions(poolId, ['u1', 'u2', 'u3']);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId, Limit: 2, NextToken }));
      seen.push(...(out.Sessions ?? []).map((s) => s.SessionId ?? ''));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(seen).toEqual(ids);
  });

  it('ends every session when the pool stops', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    seedSessions(poolId, ['alice']);
    await client.send(new StopWorkspacesPoolCommand({ PoolId: poolId }));
    t.emulator.clock.advance(seconds(durations.poolStop));
    const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId }));
    expect(out.Sessions).toEqual([]);
  });

  it('reports an unknown pool as ResourceNotFoundException', async () => {
    await expect(
      t.client().send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: 'wspool-000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('TerminateWorkspacesPoolSession', () => {
  it('ends a session at once and frees its slot', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const [alice = '', bob] = seedSessions(poolId, ['alice', 'bob']);
    await client.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: alice }));
    const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId }));
    expect(out.Sessions?.map((s) => s.SessionId)).toEqual([bob]);
    expect((await describePool(client, poolId))?.CapacityStatus?.AvailableUserSessions).toBe(2);
  });

  it('reports an unknown session as ResourceNotFoundException with its id', async () => {
    const id = sessionId(99);
    await expect(t.client().send(new TerminateWorkspacesPoolSessionCommand({ SessionId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: id,
    });
  });

  it('answers OperationInProgressException while the pool is stopping', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const [alice = ''] = seedSessions(poolId, ['alice']);
    await client.send(new StopWorkspacesPoolCommand({ PoolId: poolId }));
    await expect(client.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: alice }))).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: `The sessions of pool ${poolId} are already ending because the pool is STOPPING.`,
    });
  });

  it('does not reach sessions of another account', async () => {
    const client = t.client();
    const poolId = await runningPool(client, await poolsDirectory(client));
    const [alice = ''] = seedSessions(poolId, ['alice']);
    await expect(
      t.client(ACCOUNT_B).send(new TerminateWorkspacesPoolSessionCommand({ SessionId: alice })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
