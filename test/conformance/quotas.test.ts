// Quotas through the SDK: AWS's defaults for a new account, single limits set in process, and how each refusal
// answers (ResourceLimitExceededException, or a FailedRequest for batch creates).
import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateConnectionAliasCommand,
  CreateIpGroupCommand,
  CreateStandbyWorkspacesCommand,
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DescribeWorkspaceBundlesCommand,
  RegisterWorkspaceDirectoryCommand,
  WorkSpacesClient,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { awsDefaultQuotas, emulatorQuotas, quotaNames } from '../../src/domain/quotas.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/index.js';
import { ACCOUNT_A } from '../helpers/emulator.js';
import { SUBNETS, seconds } from '../helpers/world.js';

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions): Promise<WorkSpacesClient> {
  emulator = await startEmulator({ clock: 'manual', ...options });
  return clientIn('us-east-1');
}

/** A client of the running emulator, for account A in `region`. */
function clientIn(region: string): WorkSpacesClient {
  if (!emulator) throw new Error('no emulator started');
  return new WorkSpacesClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: ACCOUNT_A, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

async function registered(client: WorkSpacesClient, directoryId: string) {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: SUBNETS }));
  emulator?.clock.advance(seconds(durations.directoryRegister));
  return directoryId;
}

/** The first public bundle of a compute type, so the test follows the catalog rather than naming ids. */
async function publicBundle(client: WorkSpacesClient, compute: string): Promise<string> {
  for (let NextToken: string | undefined, first = true; first || NextToken; first = false) {
    const out = await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON', NextToken }));
    const found = out.Bundles?.find((b) => b.ComputeType?.Name === compute);
    if (found?.BundleId) return found.BundleId;
    NextToken = out.NextToken;
  }
  throw new Error(`no public ${compute} bundle`);
}

const quotaMessage = (name: string, value: number) =>
  `The ${name} quota of this account in us-east-1 (${value}) has been reached. Terminate WorkSpaces you no longer need, or request a quota increase, and try again.`;

async function limitError(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
  }
  return undefined;
}

describe('quotaDefaults: aws-defaults', () => {
  it('allows a new account one WorkSpace per Region and reports the next as a FailedRequest', async () => {
    const client = await start({ quotaDefaults: 'aws-defaults' });
    const directoryId = await registered(client, 'd-1111111111');
    const bundleId = await publicBundle(client, 'VALUE');
    const request = (UserName: string): WorkspaceRequest => ({
      DirectoryId: directoryId,
      UserName,
      BundleId: bundleId,
    });
    const out = await client.send(new CreateWorkspacesCommand({ Workspaces: [request('ann'), request('bob')] }));
    expect(out.PendingRequests?.map((w) => w.UserName)).toEqual(['ann']);
    expect(out.FailedRequests).toEqual([
      {
        WorkspaceRequest: request('bob'),
        ErrorCode: 'ResourceLimitExceeded',
        ErrorMessage: quotaMessage('workspaces', 1),
      },
    ]);
  });

  it('allows no Graphics.g4dn WorkSpace, and one GeneralPurpose.4xlarge', async () => {
    const client = await start({ quotaDefaults: 'aws-defaults', quotas: { workspaces: 10 } });
    const directoryId = await registered(client, 'd-1111111112');
    const gpu = { DirectoryId: directoryId, UserName: 'gpu', BundleId: await publicBundle(client, 'GRAPHICS_G4DN') };
    const out = await client.send(new CreateWorkspacesCommand({ Workspaces: [gpu] }));
    expect(out.FailedRequests?.[0]).toMatchObject({
      ErrorCode: 'ResourceLimitExceeded',
      ErrorMessage: quotaMessage('graphics-g4dn-workspaces', 0),
    });
    const large = await publicBundle(client, 'GENERALPURPOSE_4XLARGE');
    const two = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: directoryId, UserName: 'big1', BundleId: large },
          { DirectoryId: directoryId, UserName: 'big2', BundleId: large },
        ],
      }),
    );
    expect(two.PendingRequests).toHaveLength(1);
    expect(two.FailedRequests?.[0]?.ErrorMessage).toBe(quotaMessage('generalpurpose-4xlarge-workspaces', 1));
  });

  it('reports every quota at AWS default through GET /_emulator/quotas', async () => {
    await start({ quotaDefaults: 'aws-defaults' });
    const res = await fetch(`${emulator?.endpoint}/_emulator/quotas`);
    expect(await res.json()).toEqual({ quotas: awsDefaultQuotas });
  });
});

describe('quotas set in process', () => {
  it('refuses the IP group, rule, association, tag, alias and directory beyond their limits', async () => {
    const client = await start({
      quotas: {
        'ip-groups': 2,
        'rules-per-ip-group': 1,
        'ip-groups-per-directory': 1,
        'tags-per-resource': 1,
        'connection-aliases': 1,
        directories: 1,
      },
    });
    const first = await client.send(
      new CreateIpGroupCommand({ GroupName: 'one', UserRules: [{ ipRule: '10.0.0.0/8' }] }),
    );
    const second = await client.send(new CreateIpGroupCommand({ GroupName: 'two' }));
    expect(await limitError(client.send(new CreateIpGroupCommand({ GroupName: 'three' })))).toEqual({
      name: 'ResourceLimitExceededException',
      message:
        'You have already created the maximum of 2 IP access control groups in this Region. Delete groups that you are not using, and try again.',
      status: 400,
    });
    expect(
      (
        await limitError(
          client.send(new AuthorizeIpRulesCommand({ GroupId: first.GroupId, UserRules: [{ ipRule: '192.0.2.0/24' }] })),
        )
      )?.message,
    ).toBe('An IP access control group can have at most 1 rules; the request would leave 2.');
    const directoryId = await registered(client, 'd-2222222221');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: directoryId, GroupIds: [first.GroupId ?? ''] }));
    expect(
      (
        await limitError(
          client.send(new AssociateIpGroupsCommand({ DirectoryId: directoryId, GroupIds: [second.GroupId ?? ''] })),
        )
      )?.name,
    ).toBe('ResourceLimitExceededException');
    await client.send(new CreateTagsCommand({ ResourceId: directoryId, Tags: [{ Key: 'a', Value: '1' }] }));
    expect(
      (
        await limitError(
          client.send(new CreateTagsCommand({ ResourceId: directoryId, Tags: [{ Key: 'b', Value: '2' }] })),
        )
      )?.message,
    ).toBe(`The resource ${directoryId} would have 2 tags; a resource can have at most 1 tags.`);
    await client.send(new CreateConnectionAliasCommand({ ConnectionString: 'one.example.com' }));
    expect(
      (await limitError(client.send(new CreateConnectionAliasCommand({ ConnectionString: 'two.example.com' }))))?.name,
    ).toBe('ResourceLimitExceededException');
    expect(
      (
        await limitError(
          client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-2222222222', SubnetIds: SUBNETS })),
        )
      )?.message,
    ).toBe(
      'You have already registered the maximum of 1 directories. Deregister directories that you are not using for WorkSpaces, and try again.',
    );
  });

  it('refuses a standby WorkSpace beyond the standby quota of its Region, in FailedStandbyRequests', async () => {
    const east = await start({ quotas: { 'standby-workspaces': 1 } });
    const west = clientIn('us-west-2');
    const eastDirectory = await registered(east, 'd-3333333331');
    const bundleId = await publicBundle(east, 'VALUE');
    const primaries = await east.send(
      new CreateWorkspacesCommand({
        Workspaces: ['ann', 'bob'].map((UserName) => ({ DirectoryId: eastDirectory, UserName, BundleId: bundleId })),
      }),
    );
    emulator?.clock.advance(seconds(durations.workspaceCreate));
    const westDirectory = await registered(west, 'd-3333333332');
    const standbyOf = (UserName: string) => ({
      PrimaryWorkspaceId: primaries.PendingRequests?.find((p) => p.UserName === UserName)?.WorkspaceId ?? '',
      DirectoryId: westDirectory,
    });
    const [ann, bob] = [standbyOf('ann'), standbyOf('bob')];
    const out = await west.send(
      new CreateStandbyWorkspacesCommand({ PrimaryRegion: 'us-east-1', StandbyWorkspaces: [ann, bob] }),
    );
    expect(out.PendingStandbyRequests?.map((p) => p.UserName)).toEqual(['ann']);
    expect(out.FailedStandbyRequests).toEqual([
      {
        StandbyWorkspaceRequest: bob,
        ErrorCode: 'ResourceLimitExceeded',
        ErrorMessage: quotaMessage('standby-workspaces', 1).replace('us-east-1', 'us-west-2'),
      },
    ]);
    // The quota counts standbys only: a personal WorkSpace in the same Region is still created.
    const personal = await west.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: westDirectory, UserName: 'cid', BundleId: bundleId }],
      }),
    );
    expect(personal.FailedRequests).toEqual([]);
  });

  it('lifts a limit with Infinity and keeps the emulator defaults for the others', async () => {
    await start({ quotas: { images: Number.POSITIVE_INFINITY } });
    const res = await fetch(`${emulator?.endpoint}/_emulator/quotas`);
    expect(((await res.json()) as { quotas: Record<string, unknown> }).quotas).toEqual({
      ...emulatorQuotas,
      images: 'unlimited',
      ...Object.fromEntries(quotaNames.filter((n) => !Number.isFinite(emulatorQuotas[n])).map((n) => [n, 'unlimited'])),
    });
  });

  it.each([
    [{ nope: 1 }, "unknown quota 'nope'"],
    [{ workspaces: -1 }, 'quota workspaces must be a whole number, 0 or more, or Infinity; got -1'],
    [{ images: 1.5 }, 'quota images must be a whole number'],
  ])('refuses %j at start', async (quotas, message) => {
    await expect(startEmulator({ quotas: quotas as NonNullable<EmulatorOptions['quotas']> })).rejects.toThrow(message);
  });
});
