// Directories through the SDK: registration and its timeline, listing and paging, deregistration, and settings.
import {
  AcceptAccountLinkInvitationCommand,
  AssociateConnectionAliasCommand,
  CreateAccountLinkInvitationCommand,
  CreateConnectClientAddInCommand,
  CreateConnectionAliasCommand,
  CreateWorkspacesCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientPropertiesCommand,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  type DescribeWorkspaceDirectoriesCommandInput,
  DescribeWorkspacesCommand,
  DisassociateConnectionAliasCommand,
  ImportClientBrandingCommand,
  ModifyCertificateBasedAuthPropertiesCommand,
  ModifyClientPropertiesCommand,
  ModifyEndpointEncryptionModeCommand,
  ModifySamlPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyStreamingPropertiesCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  type RegisterWorkspaceDirectoryCommandInput,
  TerminateWorkspacesCommand,
  UpdateConnectionAliasPermissionCommand,
  type WorkSpacesClient,
  type WorkspaceDirectory,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import type { Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { seconds, world } from '../helpers/world.js';

const t = useEmulator();
const { enableByol } = world(t);

beforeEach(() => t.emulator.reset());

const REGISTER_SECONDS = durations.directoryRegister / 1000;
const DEREGISTER_SECONDS = durations.directoryDeregister / 1000;
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];

/** A well-formed Directory Service id: `d-` and ten hex digits. */
const dirId = (n: number) => `d-${n.toString(16).padStart(10, '0')}`;

async function register(client: WorkSpacesClient, input: RegisterWorkspaceDirectoryCommandInput) {
  return client.send(new RegisterWorkspaceDirectoryCommand(input));
}

async function registered(client: WorkSpacesClient, directoryId: string) {
  await register(client, { DirectoryId: directoryId, SubnetIds: SUBNETS });
  t.emulator.clock.advance(REGISTER_SECONDS);
  return directoryId;
}

const deregister = (client: WorkSpacesClient, directoryId: string) =>
  client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: directoryId }));

/** Creates a connection alias and steps the clock until it is CREATED. */
async function createdAlias(client: WorkSpacesClient, connectionString: string): Promise<string> {
  const out = await client.send(new CreateConnectionAliasCommand({ ConnectionString: connectionString }));
  t.emulator.clock.advance(seconds(durations.connectionAliasCreate));
  return out.AliasId ?? '';
}

async function poolsDirectory(
  client: WorkSpacesClient,
  name: string,
  extra: RegisterWorkspaceDirectoryCommandInput = {},
) {
  const out = await register(client, {
    WorkspaceType: 'POOLS',
    WorkspaceDirectoryName: name,
    WorkspaceDirectoryDescription: `${name} pools`,
    UserIdentityType: 'CUSTOMER_MANAGED',
    SubnetIds: SUBNETS,
    ...extra,
  });
  return out.DirectoryId ?? '';
}

async function describeOne(client: WorkSpacesClient, directoryId: string): Promise<WorkspaceDirectory | undefined> {
  const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [directoryId] }));
  return out.Directories?.[0];
}

/** Follows NextToken to the end and returns every page. */
async function walk(client: WorkSpacesClient, input: DescribeWorkspaceDirectoriesCommandInput) {
  const pages: string[][] = [];
  let NextToken: string | undefined;
  do {
    const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ ...input, NextToken }));
    pages.push((out.Directories ?? []).map((d) => d.DirectoryId ?? ''));
    NextToken = out.NextToken;
  } while (NextToken);
  return pages;
}

/** A JSON 1.1 call of ACCOUNT_A in us-east-1 without the SDK, for members the SDK does not know yet. */
function callRaw(operation: string, body: object) {
  return t.post('/', body, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `WorkspacesService.${operation}`,
    authorization: `AWS4-HMAC-SHA256 Credential=${ACCOUNT_A}/20250101/us-east-1/workspaces/aws4_request, SignedHeaders=host, Signature=0`,
  });
}

/** Launches one WorkSpace in the directory through CreateWorkspaces and waits until it is AVAILABLE. */
async function launchWorkspace(client: WorkSpacesClient, directoryId: string) {
  const out = await client.send(
    new CreateWorkspacesCommand({
      Workspaces: [{ DirectoryId: directoryId, UserName: 'jane', BundleId: 'wsb-bh8rsxt14' }],
    }),
  );
  expect(out.FailedRequests).toEqual([]);
  t.emulator.clock.advance(durations.workspaceCreate / 1000);
  return out.PendingRequests?.[0]?.WorkspaceId ?? '';
}

describe('RegisterWorkspaceDirectory', () => {
  it('answers with the directory id in state REGISTERING', async () => {
    const out = await register(t.client(), { DirectoryId: dirId(1), SubnetIds: SUBNETS });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out).toMatchObject({ DirectoryId: dirId(1), State: 'REGISTERING' });
  });

  it('moves the directory from REGISTERING to REGISTERED when the registration time has passed', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1), SubnetIds: SUBNETS });
    expect((await describeOne(client, dirId(1)))?.State).toBe('REGISTERING');
    t.emulator.clock.advance(REGISTER_SECONDS - 1);
    expect((await describeOne(client, dirId(1)))?.State).toBe('REGISTERING');
    t.emulator.clock.advance(1);
    expect((await describeOne(client, dirId(1)))?.State).toBe('REGISTERED');
  });

  it('fills in the directory with the values and defaults AWS reports', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const directory = await describeOne(client, dirId(1));
    expect(directory).toEqual({
      DirectoryId: dirId(1),
      Alias: dirId(1),
      DirectoryName: 'corp.example.com',
      RegistrationCode: expect.stringMatching(/^SLiad\+[0-9A-Z]{6}$/),
      SubnetIds: SUBNETS,
      DnsIpAddresses: [expect.stringMatching(/^10\.0\.1\.\d+$/), expect.stringMatching(/^10\.0\.2\.\d+$/)],
      CustomerUserName: 'Administrator',
      IamRoleId: `arn:aws:iam::${ACCOUNT_A}:role/workspaces_DefaultRole`,
      DirectoryType: 'SIMPLE_AD',
      WorkspaceSecurityGroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/),
      State: 'REGISTERED',
      WorkspaceCreationProperties: {
        EnableInternetAccess: false,
        UserEnabledAsLocalAdministrator: true,
        EnableMaintenanceMode: true,
      },
      ipGroupIds: [],
      WorkspaceAccessProperties: {
        DeviceTypeWindows: 'ALLOW',
        DeviceTypeOsx: 'ALLOW',
        DeviceTypeWeb: 'DENY',
        DeviceTypeIos: 'ALLOW',
        DeviceTypeAndroid: 'ALLOW',
        DeviceTypeChromeOs: 'ALLOW',
        DeviceTypeZeroClient: 'ALLOW',
        DeviceTypeLinux: 'DENY',
        DeviceTypeWorkSpacesThinClient: 'DENY',
      },
      Tenancy: 'SHARED',
      SelfservicePermissions: {
        RestartWorkspace: 'ENABLED',
        IncreaseVolumeSize: 'DISABLED',
        ChangeComputeType: 'DISABLED',
        SwitchRunningMode: 'DISABLED',
        RebuildWorkspace: 'DISABLED',
      },
      SamlProperties: { Status: 'DISABLED', RelayStateParameterName: 'RelayState' },
      CertificateBasedAuthProperties: { Status: 'DISABLED' },
      EndpointEncryptionMode: 'STANDARD_TLS',
      UserIdentityType: 'AWS_DIRECTORY_SERVICE',
      WorkspaceType: 'PERSONAL',
    });
  });

  it('enables every self-service action when EnableSelfService is true', async () => {
    const client = t.client();
    await enableByol(client);
    await register(client, { DirectoryId: dirId(1), EnableSelfService: true, Tenancy: 'DEDICATED' });
    const directory = await describeOne(client, dirId(1));
    expect(directory?.SelfservicePermissions).toEqual({
      RestartWorkspace: 'ENABLED',
      IncreaseVolumeSize: 'ENABLED',
      ChangeComputeType: 'ENABLED',
      SwitchRunningMode: 'ENABLED',
      RebuildWorkspace: 'ENABLED',
    });
    expect(directory?.Tenancy).toBe('DEDICATED');
  });

  it("uses the directory's own two subnets when SubnetIds is omitted", async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1) });
    const subnets = (await describeOne(client, dirId(1)))?.SubnetIds;
    expect(subnets).toEqual([
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
    ]);
    expect(new Set(subnets).size).toBe(2);
  });

  it('names the Region in the registration code', async () => {
    const client = t.client(ACCOUNT_A, 'eu-west-1');
    await register(client, { DirectoryId: dirId(1) });
    expect((await describeOne(client, dirId(1)))?.RegistrationCode).toMatch(/^SLdub\+[0-9A-Z]{6}$/);
  });

  it('stores the Tags given at registration', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1), Tags: [{ Key: 'team', Value: 'blue' }] });
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: dirId(1) }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('registers a WorkSpaces Pools directory without DirectoryId under a new wsd- id', async () => {
    const client = t.client();
    const id = await poolsDirectory(client, 'pools-dir', {
      ActiveDirectoryConfig: {
        DomainName: 'pools.example.com',
        ServiceAccountSecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:pools-svc-AbCdEf',
      },
    });
    expect(id).toMatch(/^wsd-[0-9a-z]{9}$/);
    const directory = await describeOne(client, id);
    expect(directory).toMatchObject({
      State: 'REGISTERING',
      DirectoryType: 'CUSTOMER_MANAGED',
      DirectoryName: 'pools.example.com',
      WorkspaceType: 'POOLS',
      UserIdentityType: 'CUSTOMER_MANAGED',
      WorkspaceDirectoryName: 'pools-dir',
      WorkspaceDirectoryDescription: 'pools-dir pools',
      WorkspaceCreationProperties: { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: false },
    });
    expect(directory?.SelfservicePermissions).toBeUndefined();
    expect(directory?.DnsIpAddresses).toBeUndefined();
  });

  it('registers an IAM Identity Center directory for WorkSpaces Personal without DirectoryId', async () => {
    const client = t.client();
    await enableByol(client);
    const out = await register(client, {
      WorkspaceType: 'PERSONAL',
      WorkspaceDirectoryName: 'entra-dir',
      WorkspaceDirectoryDescription: 'Entra joined',
      UserIdentityType: 'AWS_IAM_IDENTITY_CENTER',
      IdcInstanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
      MicrosoftEntraConfig: { TenantId: 'tenant-1' },
      SubnetIds: SUBNETS,
      Tenancy: 'DEDICATED',
    });
    const directory = await describeOne(client, out.DirectoryId ?? '');
    expect(directory).toMatchObject({
      DirectoryType: 'AWS_IAM_IDENTITY_CENTER',
      IDCConfig: { InstanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' },
      MicrosoftEntraConfig: { TenantId: 'tenant-1' },
      WorkspaceType: 'PERSONAL',
    });
  });

  it('refuses Tenancy DEDICATED until the account is enabled for BYOL in the Region', async () => {
    const client = t.client();
    const dedicated = { DirectoryId: dirId(1), SubnetIds: SUBNETS, Tenancy: 'DEDICATED' as const };
    await expect(register(client, dedicated)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `Tenancy DEDICATED requires an account enabled for BYOL, and account ${ACCOUNT_A} is not enabled for BYOL in us-east-1. Enable BYOL with ModifyAccount, and try again.`,
    });
    expect(await describeOne(client, dirId(1))).toBeUndefined();
    await expect(register(client, { ...dedicated, Tenancy: 'SHARED' })).resolves.toMatchObject({
      State: 'REGISTERING',
    });
    await enableByol(client);
    await expect(register(client, { ...dedicated, DirectoryId: dirId(2) })).resolves.toMatchObject({
      State: 'REGISTERING',
    });
    await expect(
      register(t.client(ACCOUNT_A, 'eu-west-1'), { ...dedicated, DirectoryId: dirId(3) }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('accepts Tenancy DEDICATED in an account linked to a BYOL source account', async () => {
    const source = t.client();
    const target = t.client(ACCOUNT_B);
    await enableByol(source);
    const invitation = await source.send(new CreateAccountLinkInvitationCommand({ TargetAccountId: ACCOUNT_B }));
    await target.send(new AcceptAccountLinkInvitationCommand({ LinkId: invitation.AccountLink?.AccountLinkId ?? '' }));
    const out = await register(target, { DirectoryId: dirId(1), SubnetIds: SUBNETS, Tenancy: 'DEDICATED' });
    expect(out.State).toBe('REGISTERING');
    expect((await describeOne(target, dirId(1)))?.Tenancy).toBe('DEDICATED');
  });

  it('rejects a registration with neither DirectoryId nor WorkspaceDirectoryName', async () => {
    await expect(register(t.client(), {})).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Either DirectoryId or WorkspaceDirectoryName must be specified.',
    });
  });

  it('rejects DirectoryId together with WorkspaceType POOLS', async () => {
    await expect(register(t.client(), { DirectoryId: dirId(1), WorkspaceType: 'POOLS' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'DirectoryId cannot be specified when WorkspaceType is POOLS.',
    });
  });

  it('rejects a WorkspaceDirectoryName together with DirectoryId', async () => {
    await expect(register(t.client(), { DirectoryId: dirId(1), WorkspaceDirectoryName: 'x1' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'WorkspaceDirectoryName cannot be specified together with DirectoryId.',
    });
  });

  it('rejects a Pools directory whose users are not CUSTOMER_MANAGED', async () => {
    await expect(
      poolsDirectory(t.client(), 'pools-dir', { UserIdentityType: 'AWS_DIRECTORY_SERVICE' }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'A WorkSpaces Pools directory requires UserIdentityType CUSTOMER_MANAGED.',
    });
  });

  it('rejects a Personal directory without DirectoryId that has no IAM Identity Center instance', async () => {
    await expect(
      register(t.client(), {
        WorkspaceDirectoryName: 'idc-dir',
        WorkspaceDirectoryDescription: 'no instance',
        UserIdentityType: 'AWS_IAM_IDENTITY_CENTER',
        SubnetIds: SUBNETS,
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'A WorkSpaces Personal directory without DirectoryId requires UserIdentityType AWS_IAM_IDENTITY_CENTER and an IdcInstanceArn.',
    });
  });

  it('refuses two subnets that are the same, as they cannot be in different Availability Zones', async () => {
    await expect(
      register(t.client(), { DirectoryId: dirId(1), SubnetIds: ['subnet-0a1b2c3d', 'subnet-0a1b2c3d'] }),
    ).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'The subnets must be in different Availability Zones.',
    });
  });

  it('refuses a directory that is already registered', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1) });
    await expect(register(client, { DirectoryId: dirId(1) })).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: `The directory ${dirId(1)} is already registered with Amazon WorkSpaces.`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a directory that is still being deregistered, and takes it again once it is gone', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }));
    await expect(register(client, { DirectoryId: dirId(1) })).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The directory ${dirId(1)} is being deregistered. Wait until it is gone, and try again.`,
    });
    t.emulator.clock.advance(DEREGISTER_SECONDS);
    const out = await register(client, { DirectoryId: dirId(1) });
    expect(out.State).toBe('REGISTERING');
  });

  it('does not find a wsd- directory that WorkSpaces never created', async () => {
    await expect(register(t.client(), { DirectoryId: 'wsd-abcdefghi' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsd-abcdefghi',
    });
  });

  it('refuses the 51st directory in a Region', async () => {
    const client = t.client();
    for (let n = 1; n <= 50; n++) await register(client, { DirectoryId: dirId(n) });
    await expect(register(client, { DirectoryId: dirId(51) })).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message:
        'You have already registered the maximum of 50 directories. Deregister directories that you are not using for WorkSpaces, and try again.',
    });
    await register(t.client(ACCOUNT_A, 'us-west-2'), { DirectoryId: dirId(51) });
  });

  it('registers nothing when a tag uses the reserved aws: prefix', async () => {
    const client = t.client();
    await expect(
      register(client, { DirectoryId: dirId(1), Tags: [{ Key: 'aws:owner', Value: 'x' }] }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    expect(await describeOne(client, dirId(1))).toBeUndefined();
  });

  it('refuses more than 50 tags', async () => {
    const Tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(register(t.client(), { DirectoryId: dirId(1), Tags })).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
    });
  });
});

describe('DescribeWorkspaceDirectories', () => {
  it('lists every directory in registration order', async () => {
    const client = t.client();
    for (const n of [3, 1, 2]) await register(client, { DirectoryId: dirId(n) });
    const out = await client.send(new DescribeWorkspaceDirectoriesCommand({}));
    expect(out.Directories?.map((d) => d.DirectoryId)).toEqual([dirId(3), dirId(1), dirId(2)]);
    expect(out.NextToken).toBeUndefined();
  });

  it('returns the requested DirectoryIds once each and leaves unknown ones out', async () => {
    const client = t.client();
    for (const n of [1, 2, 3]) await register(client, { DirectoryId: dirId(n) });
    const out = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [dirId(3), dirId(9), dirId(1), dirId(3)] }),
    );
    expect(out.Directories?.map((d) => d.DirectoryId)).toEqual([dirId(3), dirId(1)]);
  });

  it('finds directories by WorkspaceDirectoryNames', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1) });
    const wanted = await poolsDirectory(client, 'alpha');
    await poolsDirectory(client, 'beta');
    const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ WorkspaceDirectoryNames: ['alpha'] }));
    expect(out.Directories?.map((d) => d.DirectoryId)).toEqual([wanted]);
  });

  it('filters by WORKSPACE_TYPE and USER_IDENTITY_TYPE', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1) });
    const pools = await poolsDirectory(client, 'alpha');
    const byType = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ Filters: [{ Name: 'WORKSPACE_TYPE', Values: ['POOLS'] }] }),
    );
    expect(byType.Directories?.map((d) => d.DirectoryId)).toEqual([pools]);
    const byIdentity = await client.send(
      new DescribeWorkspaceDirectoriesCommand({
        Filters: [{ Name: 'USER_IDENTITY_TYPE', Values: ['AWS_DIRECTORY_SERVICE'] }],
      }),
    );
    expect(byIdentity.Directories?.map((d) => d.DirectoryId)).toEqual([dirId(1)]);
  });

  it('walks all directories across pages with no duplicates and no gaps', async () => {
    const client = t.client();
    const ids = Array.from({ length: 7 }, (_, i) => dirId(i + 1));
    for (const id of ids) await register(client, { DirectoryId: id });
    const pages = await walk(client, { Limit: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(ids);
  });

  it('pages a filtered listing without skipping matches', async () => {
    const client = t.client();
    const personal: string[] = [];
    for (let n = 1; n <= 5; n++) {
      await poolsDirectory(client, `pool${n}`);
      await register(client, { DirectoryId: dirId(n) });
      personal.push(dirId(n));
    }
    const pages = await walk(client, { Limit: 2, Filters: [{ Name: 'WORKSPACE_TYPE', Values: ['PERSONAL'] }] });
    expect(pages.flat()).toEqual(personal);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
  });

  it('pages through a list of DirectoryIds', async () => {
    const client = t.client();
    const ids = Array.from({ length: 5 }, (_, i) => dirId(i + 1));
    for (const id of ids) await register(client, { DirectoryId: id });
    const pages = await walk(client, { DirectoryIds: [...ids].reverse(), Limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...ids].reverse());
  });

  it('rejects a NextToken it did not issue', async () => {
    await expect(
      t.client().send(new DescribeWorkspaceDirectoriesCommand({ NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
  });

  it('rejects a NextToken of the DirectoryIds listing in a full listing', async () => {
    const client = t.client();
    for (const n of [1, 2]) await register(client, { DirectoryId: dirId(n) });
    const first = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [dirId(1), dirId(2)], Limit: 1 }),
    );
    expect(first.NextToken).toBeDefined();
    await expect(
      client.send(new DescribeWorkspaceDirectoriesCommand({ NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it("keeps one account's directories from another account and another Region", async () => {
    await register(t.client(ACCOUNT_A), { DirectoryId: dirId(1) });
    for (const client of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, 'eu-west-1')]) {
      const all = await client.send(new DescribeWorkspaceDirectoriesCommand({}));
      expect(all.Directories).toEqual([]);
      expect(await describeOne(client, dirId(1))).toBeUndefined();
    }
    await register(t.client(ACCOUNT_B), { DirectoryId: dirId(1) });
  });
});

describe('DeregisterWorkspaceDirectory', () => {
  it('shows DEREGISTERING and then removes the directory when the deregistration time has passed', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const out = await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await describeOne(client, dirId(1)))?.State).toBe('DEREGISTERING');
    t.emulator.clock.advance(DEREGISTER_SECONDS - 1);
    expect((await describeOne(client, dirId(1)))?.State).toBe('DEREGISTERING');
    t.emulator.clock.advance(1);
    expect(await describeOne(client, dirId(1))).toBeUndefined();
  });

  it('drops the tags of a directory once it is gone', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1), Tags: [{ Key: 'team', Value: 'blue' }] });
    t.emulator.clock.advance(REGISTER_SECONDS);
    await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }));
    t.emulator.clock.advance(DEREGISTER_SECONDS);
    await register(client, { DirectoryId: dirId(1) });
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: dirId(1) }));
    expect(tags.TagList).toEqual([]);
  });

  it('reports an unknown directory', async () => {
    await expect(
      t.client().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(7) })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The directory ${dirId(7)} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      ResourceId: dirId(7),
    });
  });

  it('refuses a directory that is still REGISTERING', async () => {
    const client = t.client();
    await register(client, { DirectoryId: dirId(1) });
    await expect(client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }))).rejects.toMatchObject(
      {
        name: 'InvalidResourceStateException',
        message: `The directory ${dirId(1)} is REGISTERING. Wait until the current operation completes, and try again.`,
      },
    );
  });

  it('refuses while WorkSpaces are registered to the directory, TERMINATING ones included', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const workspaceId = await launchWorkspace(client, dirId(1));
    const refusal = {
      name: 'OperationNotSupportedException',
      message: `The directory ${dirId(1)} cannot be deregistered because WorkSpaces are registered to it. Terminate them, and try again.`,
    };
    await expect(client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }))).rejects.toMatchObject(
      refusal,
    );
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: workspaceId }] }));
    await expect(client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }))).rejects.toMatchObject(
      refusal,
    );
    expect((await describeOne(client, dirId(1)))?.State).toBe('REGISTERED');
  });

  it('deregisters a directory whose only WorkSpaces are TERMINATED', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const workspaceId = await launchWorkspace(client, dirId(1));
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: workspaceId }] }));
    t.emulator.clock.advance(durations.workspaceTerminate / 1000);
    const described = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [workspaceId] }));
    expect(described.Workspaces?.[0]?.State).toBe('TERMINATED');
    await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) }));
    expect((await describeOne(client, dirId(1)))?.State).toBe('DEREGISTERING');
  });

  it('refuses while a connection alias of the account is associated, until it is disassociated', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await client.send(new AssociateConnectionAliasCommand({ AliasId: aliasId, ResourceId: dirId(1) }));
    const refusal = {
      name: 'OperationNotSupportedException',
      message: `The directory ${dirId(1)} cannot be deregistered because a connection alias is associated with it. Disassociate the connection alias, and try again.`,
    };
    // PENDING_ASSOCIATION already holds the directory, and so does the settled association.
    await expect(deregister(client, dirId(1))).rejects.toMatchObject(refusal);
    t.emulator.clock.advance(seconds(durations.connectionAliasAssociate));
    await expect(deregister(client, dirId(1))).rejects.toMatchObject(refusal);
    await client.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }));
    await expect(deregister(client, dirId(1))).rejects.toMatchObject(refusal);
    t.emulator.clock.advance(seconds(durations.connectionAliasDisassociate));
    await deregister(client, dirId(1));
    expect((await describeOne(client, dirId(1)))?.State).toBe('DEREGISTERING');
  });

  it('refuses while a connection alias shared by another account is associated with it', async () => {
    const owner = t.client(ACCOUNT_B);
    const client = t.client();
    await registered(client, dirId(1));
    await registered(client, dirId(2));
    const aliasId = await createdAlias(owner, 'shared.example.com');
    await owner.send(
      new UpdateConnectionAliasPermissionCommand({
        AliasId: aliasId,
        ConnectionAliasPermission: { SharedAccountId: ACCOUNT_A, AllowAssociation: true },
      }),
    );
    await client.send(new AssociateConnectionAliasCommand({ AliasId: aliasId, ResourceId: dirId(1) }));
    t.emulator.clock.advance(seconds(durations.connectionAliasAssociate));
    await expect(deregister(client, dirId(1))).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
    // Another directory of the account is not held by the alias.
    await deregister(client, dirId(2));
    await client.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }));
    t.emulator.clock.advance(seconds(durations.connectionAliasDisassociate));
    await deregister(client, dirId(1));
    expect((await describeOne(client, dirId(1)))?.State).toBe('DEREGISTERING');
  });

  it('deletes the client branding and Amazon Connect add-ins of the directory once it is gone', async () => {
    const client = t.client();
    const scope: Scope = { account: ACCOUNT_A, region: 'us-east-1' };
    await registered(client, dirId(1));
    await registered(client, dirId(2));
    for (const id of [dirId(1), dirId(2)]) {
      await client.send(
        new ImportClientBrandingCommand({ ResourceId: id, DeviceTypeWindows: { SupportEmail: 'help@example.com' } }),
      );
      await client.send(
        new CreateConnectClientAddInCommand({
          ResourceId: id,
          Name: 'ccp',
          URL: 'https://example.my.connect.aws/ccp-v2',
        }),
      );
    }
    const branding = () => t.emulator.app.store.collection('branding');
    const addIns = (id: string) => t.emulator.app.store.collection('addin').countBy(scope, 'DirectoryId', id);
    await deregister(client, dirId(1));
    t.emulator.clock.advance(DEREGISTER_SECONDS - 1);
    expect(branding().get(scope, dirId(1))).toBeDefined();
    expect(addIns(dirId(1))).toBe(1);
    t.emulator.clock.advance(1);
    expect(branding().get(scope, dirId(1))).toBeUndefined();
    expect(addIns(dirId(1))).toBe(0);
    // The other directory keeps its own.
    expect(branding().get(scope, dirId(2))).toBeDefined();
    expect(addIns(dirId(2))).toBe(1);
  });

  it("does not find another account's directory", async () => {
    await registered(t.client(ACCOUNT_A), dirId(1));
    await expect(
      t.client(ACCOUNT_B).send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: dirId(1) })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('ModifyWorkspaceCreationProperties', () => {
  it('changes the members given and keeps the others', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: dirId(1),
        WorkspaceCreationProperties: {
          EnableInternetAccess: true,
          DefaultOu: 'OU=AWS,DC=Workgroup,DC=Example,DC=com',
          CustomSecurityGroupId: 'sg-0123456789abcdef0',
        },
      }),
    );
    await client.send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: dirId(1),
        WorkspaceCreationProperties: { UserEnabledAsLocalAdministrator: false },
      }),
    );
    expect((await describeOne(client, dirId(1)))?.WorkspaceCreationProperties).toEqual({
      EnableInternetAccess: true,
      DefaultOu: 'OU=AWS,DC=Workgroup,DC=Example,DC=com',
      CustomSecurityGroupId: 'sg-0123456789abcdef0',
      UserEnabledAsLocalAdministrator: false,
      EnableMaintenanceMode: true,
    });
  });

  it('clears DefaultOu when given an empty string', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const change = (DefaultOu: string) =>
      client.send(
        new ModifyWorkspaceCreationPropertiesCommand({
          ResourceId: dirId(1),
          WorkspaceCreationProperties: { DefaultOu },
        }),
      );
    await change('OU=Desks,DC=corp,DC=example,DC=com');
    await change('');
    expect((await describeOne(client, dirId(1)))?.WorkspaceCreationProperties?.DefaultOu).toBeUndefined();
  });

  it('rejects a DefaultOu that is not a distinguished name with two domain components', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await expect(
      client.send(
        new ModifyWorkspaceCreationPropertiesCommand({
          ResourceId: dirId(1),
          WorkspaceCreationProperties: { DefaultOu: 'OU=Desks,DC=corp' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        "The DefaultOu 'OU=Desks,DC=corp' is not valid. Use the form OU=value,DC=value,DC=value with two or more domain components.",
    });
  });

  it('refuses local administrators on a WorkSpaces Pools directory', async () => {
    const client = t.client();
    const id = await poolsDirectory(client, 'alpha');
    await expect(
      client.send(
        new ModifyWorkspaceCreationPropertiesCommand({
          ResourceId: id,
          WorkspaceCreationProperties: { UserEnabledAsLocalAdministrator: true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'UserEnabledAsLocalAdministrator is not supported for WorkSpaces Pools directories.',
    });
  });

  it('refuses a DefaultOu on a Pools directory without an ActiveDirectoryConfig', async () => {
    const client = t.client();
    const id = await poolsDirectory(client, 'alpha');
    await expect(
      client.send(
        new ModifyWorkspaceCreationPropertiesCommand({
          ResourceId: id,
          WorkspaceCreationProperties: { DefaultOu: 'OU=Desks,DC=corp,DC=example' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('reports an unknown directory', async () => {
    await expect(
      t
        .client()
        .send(new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: dirId(7), WorkspaceCreationProperties: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
  });
});

describe('ModifySelfservicePermissions', () => {
  it('changes the permissions given and keeps the others', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifySelfservicePermissionsCommand({
        ResourceId: dirId(1),
        SelfservicePermissions: { RestartWorkspace: 'DISABLED', RebuildWorkspace: 'ENABLED' },
      }),
    );
    expect((await describeOne(client, dirId(1)))?.SelfservicePermissions).toEqual({
      RestartWorkspace: 'DISABLED',
      IncreaseVolumeSize: 'DISABLED',
      ChangeComputeType: 'DISABLED',
      SwitchRunningMode: 'DISABLED',
      RebuildWorkspace: 'ENABLED',
    });
  });

  it('refuses self-service permissions on a WorkSpaces Pools directory', async () => {
    const client = t.client();
    const id = await poolsDirectory(client, 'alpha');
    await expect(
      client.send(new ModifySelfservicePermissionsCommand({ ResourceId: id, SelfservicePermissions: {} })),
    ).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'Self-service permissions are not supported for WorkSpaces Pools directories.',
    });
  });

  it('reports an unknown directory', async () => {
    await expect(
      t.client().send(new ModifySelfservicePermissionsCommand({ ResourceId: dirId(7), SelfservicePermissions: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
  });
});

describe('ModifyWorkspaceAccessProperties', () => {
  it('changes the device types given and keeps the others', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifyWorkspaceAccessPropertiesCommand({
        ResourceId: dirId(1),
        WorkspaceAccessProperties: { DeviceTypeWeb: 'ALLOW', DeviceTypeWindows: 'DENY' },
      }),
    );
    expect((await describeOne(client, dirId(1)))?.WorkspaceAccessProperties).toMatchObject({
      DeviceTypeWeb: 'ALLOW',
      DeviceTypeWindows: 'DENY',
      DeviceTypeOsx: 'ALLOW',
      DeviceTypeLinux: 'DENY',
    });
  });

  it('reports an unknown directory', async () => {
    await expect(
      t
        .client()
        .send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: dirId(7), WorkspaceAccessProperties: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
  });
});

describe('DescribeClientProperties and ModifyClientProperties', () => {
  it('reports remember-me and log upload enabled for a new directory', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    const out = await client.send(new DescribeClientPropertiesCommand({ ResourceIds: [dirId(1)] }));
    expect(out.ClientPropertiesList).toEqual([
      { ResourceId: dirId(1), ClientProperties: { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'ENABLED' } },
    ]);
  });

  it('changes the client properties given and keeps the others', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await registered(client, dirId(2));
    await client.send(
      new ModifyClientPropertiesCommand({ ResourceId: dirId(1), ClientProperties: { ReconnectEnabled: 'DISABLED' } }),
    );
    const out = await client.send(new DescribeClientPropertiesCommand({ ResourceIds: [dirId(1), dirId(2)] }));
    expect(out.ClientPropertiesList).toEqual([
      { ResourceId: dirId(1), ClientProperties: { ReconnectEnabled: 'DISABLED', LogUploadEnabled: 'ENABLED' } },
      { ResourceId: dirId(2), ClientProperties: { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'ENABLED' } },
    ]);
  });

  // The SDK in use predates ClientExperiencePolicy and drops it, so these two go over raw HTTP.
  it('stores a ClientExperiencePolicy and rejects one it does not know', async () => {
    await registered(t.client(), dirId(1));
    const accepted = await callRaw('ModifyClientProperties', {
      ResourceId: dirId(1),
      ClientProperties: { ClientExperiencePolicy: 'USER_CHOICE' },
    });
    expect(accepted.status).toBe(200);
    const described = await callRaw('DescribeClientProperties', { ResourceIds: [dirId(1)] });
    expect(await described.json()).toEqual({
      ClientPropertiesList: [
        {
          ResourceId: dirId(1),
          ClientProperties: {
            ReconnectEnabled: 'ENABLED',
            LogUploadEnabled: 'ENABLED',
            ClientExperiencePolicy: 'USER_CHOICE',
          },
        },
      ],
    });
    const refused = await callRaw('ModifyClientProperties', {
      ResourceId: dirId(1),
      ClientProperties: { ClientExperiencePolicy: 'NEWEST' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      __type: 'InvalidParameterValuesException',
      message: 'ClientExperiencePolicy must be one of FORCE_CLASSIC, FORCE_UI_2026, USER_CHOICE.',
    });
  });

  it('reports an unknown directory in either call', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await expect(
      client.send(new DescribeClientPropertiesCommand({ ResourceIds: [dirId(1), dirId(7)] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
    await expect(
      client.send(new ModifyClientPropertiesCommand({ ResourceId: 'ws-abcdefghi', ClientProperties: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'ws-abcdefghi' });
  });
});

describe('ModifySamlProperties', () => {
  const URL = 'https://idp.example.com/sso';

  it('enables SAML 2.0 with a user access URL, and deletes properties on request', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifySamlPropertiesCommand({
        ResourceId: dirId(1),
        SamlProperties: { Status: 'ENABLED', UserAccessUrl: URL, RelayStateParameterName: 'Target' },
      }),
    );
    expect((await describeOne(client, dirId(1)))?.SamlProperties).toEqual({
      Status: 'ENABLED',
      UserAccessUrl: URL,
      RelayStateParameterName: 'Target',
    });
    await client.send(
      new ModifySamlPropertiesCommand({
        ResourceId: dirId(1),
        SamlProperties: { Status: 'DISABLED' },
        PropertiesToDelete: ['SAML_PROPERTIES_USER_ACCESS_URL', 'SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME'],
      }),
    );
    expect((await describeOne(client, dirId(1)))?.SamlProperties).toEqual({ Status: 'DISABLED' });
  });

  it('refuses to enable SAML 2.0 without a user access URL', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await expect(
      client.send(new ModifySamlPropertiesCommand({ ResourceId: dirId(1), SamlProperties: { Status: 'ENABLED' } })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'SAML 2.0 authentication cannot be enabled without a UserAccessUrl.',
    });
  });

  it('reports an unknown directory', async () => {
    await expect(t.client().send(new ModifySamlPropertiesCommand({ ResourceId: dirId(7) }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: dirId(7),
    });
  });
});

describe('ModifyCertificateBasedAuthProperties', () => {
  const CA = 'arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/12345678-1234-1234-1234-123456789012';

  it('refuses to enable certificate-based authentication before SAML 2.0 is enabled', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await expect(
      client.send(
        new ModifyCertificateBasedAuthPropertiesCommand({
          ResourceId: dirId(1),
          CertificateBasedAuthProperties: { Status: 'ENABLED', CertificateAuthorityArn: CA },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'Certificate-based authentication requires SAML 2.0 authentication to be enabled for the directory.',
    });
  });

  it('refuses to enable certificate-based authentication without a certificate authority', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await expect(
      client.send(
        new ModifyCertificateBasedAuthPropertiesCommand({
          ResourceId: dirId(1),
          CertificateBasedAuthProperties: { Status: 'ENABLED' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Certificate-based authentication cannot be enabled without a CertificateAuthorityArn.',
    });
  });

  it('enables it once SAML 2.0 is on, keeps the ARN when disabled, and deletes it on request', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifySamlPropertiesCommand({
        ResourceId: dirId(1),
        SamlProperties: { Status: 'ENABLED', UserAccessUrl: 'https://idp.example.com/sso' },
      }),
    );
    const modify = (
      input: Omit<ConstructorParameters<typeof ModifyCertificateBasedAuthPropertiesCommand>[0], 'ResourceId'>,
    ) => client.send(new ModifyCertificateBasedAuthPropertiesCommand({ ResourceId: dirId(1), ...input }));
    await modify({ CertificateBasedAuthProperties: { Status: 'ENABLED', CertificateAuthorityArn: CA } });
    expect((await describeOne(client, dirId(1)))?.CertificateBasedAuthProperties).toEqual({
      Status: 'ENABLED',
      CertificateAuthorityArn: CA,
    });
    await modify({ CertificateBasedAuthProperties: { Status: 'DISABLED' } });
    expect((await describeOne(client, dirId(1)))?.CertificateBasedAuthProperties).toEqual({
      Status: 'DISABLED',
      CertificateAuthorityArn: CA,
    });
    await modify({ PropertiesToDelete: ['CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN'] });
    expect((await describeOne(client, dirId(1)))?.CertificateBasedAuthProperties).toEqual({ Status: 'DISABLED' });
  });

  it('reports an unknown directory', async () => {
    await expect(
      t.client().send(new ModifyCertificateBasedAuthPropertiesCommand({ ResourceId: dirId(7) })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
  });
});

describe('ModifyStreamingProperties', () => {
  it('stores the streaming properties given and keeps the others', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifyStreamingPropertiesCommand({
        ResourceId: dirId(1),
        StreamingProperties: {
          StreamingExperiencePreferredProtocol: 'UDP',
          UserSettings: [{ Action: 'CLIPBOARD_COPY_FROM_LOCAL_DEVICE', Permission: 'ENABLED', MaximumLength: 100 }],
        },
      }),
    );
    await client.send(
      new ModifyStreamingPropertiesCommand({
        ResourceId: dirId(1),
        StreamingProperties: { GlobalAccelerator: { Mode: 'ENABLED_AUTO', PreferredProtocol: 'TCP' } },
      }),
    );
    expect((await describeOne(client, dirId(1)))?.StreamingProperties).toEqual({
      StreamingExperiencePreferredProtocol: 'UDP',
      UserSettings: [{ Action: 'CLIPBOARD_COPY_FROM_LOCAL_DEVICE', Permission: 'ENABLED', MaximumLength: 100 }],
      GlobalAccelerator: { Mode: 'ENABLED_AUTO', PreferredProtocol: 'TCP' },
    });
  });

  it('reports an unknown directory', async () => {
    await expect(t.client().send(new ModifyStreamingPropertiesCommand({ ResourceId: dirId(7) }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        ResourceId: dirId(7),
      },
    );
  });
});

describe('ModifyEndpointEncryptionMode', () => {
  it('switches the directory to FIPS validated endpoints', async () => {
    const client = t.client();
    await registered(client, dirId(1));
    await client.send(
      new ModifyEndpointEncryptionModeCommand({ DirectoryId: dirId(1), EndpointEncryptionMode: 'FIPS_VALIDATED' }),
    );
    expect((await describeOne(client, dirId(1)))?.EndpointEncryptionMode).toBe('FIPS_VALIDATED');
  });

  it('reports an unknown directory', async () => {
    await expect(
      t
        .client()
        .send(
          new ModifyEndpointEncryptionModeCommand({ DirectoryId: dirId(7), EndpointEncryptionMode: 'STANDARD_TLS' }),
        ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: dirId(7) });
  });
});
