// Directory Service as a test shapes it: declared directories (type, stage, DNS name, subnets, registered or not)
// and the workspaces_DefaultRole role, through the admin API, fixtures and in process, then seen through the SDK.
import {
  CreateWorkspacesCommand,
  DescribeWorkspaceDirectoriesCommand,
  RegisterWorkspaceDirectoryCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { DirectoryDeclarationError, type Fixture, startEmulator } from '../../src/index.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { SUBNETS, seconds } from '../helpers/world.js';

const t = useEmulator();

beforeEach(() => {
  t.emulator.reset();
  t.emulator.directories.clear();
});

const NOT_ACTIVE =
  'The specified directory is not in a valid state. Confirm that the directory has a status of Active, and try again.';

async function admin(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${t.endpoint}${path}`, {
    method,
    headers: { 'content-type': contentType },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

const declare = (body: Record<string, unknown>) =>
  admin('POST', '/_emulator/directories', { account: ACCOUNT_A, region: 'us-east-1', ...body });

const register = (client: WorkSpacesClient, directoryId: string, subnets: string[] | null = SUBNETS) =>
  client.send(
    new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, ...(subnets && { SubnetIds: subnets }) }),
  );

async function registrationError(client: WorkSpacesClient, directoryId: string) {
  try {
    await register(client, directoryId);
  } catch (error) {
    const e = error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
  }
  return undefined;
}

async function describeOne(client: WorkSpacesClient, directoryId: string) {
  const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [directoryId] }));
  return out.Directories?.[0];
}

describe('RegisterWorkspaceDirectory on a declared directory', () => {
  it('refuses a directory that is not Active with AWS wording, and registers it once it is', async () => {
    expect((await declare({ directoryId: 'd-1000000001', stage: 'Creating' })).status).toBe(200);
    const client = t.client();
    expect(await registrationError(client, 'd-1000000001')).toEqual({
      name: 'InvalidResourceStateException',
      message: NOT_ACTIVE,
      status: 400,
    });
    expect(await describeOne(client, 'd-1000000001')).toBeUndefined();
    await declare({ directoryId: 'd-1000000001', stage: 'Active' });
    expect((await register(client, 'd-1000000001')).State).toBe('REGISTERING');
  });

  it.each(['Requested', 'Created', 'Impaired', 'Inoperable', 'Deleting', 'Deleted', 'Failed', 'Updating'])(
    'refuses a directory in stage %s',
    async (stage) => {
      await declare({ directoryId: 'd-1000000002', stage });
      expect((await registrationError(t.client(), 'd-1000000002'))?.message).toBe(NOT_ACTIVE);
    },
  );

  it('refuses a shared Microsoft AD: shared directories are not supported', async () => {
    await declare({ directoryId: 'd-1000000003', type: 'SHARED_MICROSOFT_AD' });
    expect(await registrationError(t.client(), 'd-1000000003')).toEqual({
      name: 'OperationNotSupportedException',
      message:
        'The directory d-1000000003 is a shared directory. Shared directories are not supported for use with Amazon WorkSpaces.',
      status: 400,
    });
  });

  it('reports the declared type, DNS name, alias, DNS addresses and subnets', async () => {
    await declare({
      directoryId: 'd-1000000004',
      type: 'AD_CONNECTOR',
      dnsName: 'ad.example.org',
      alias: 'example-corp',
      subnetIds: ['subnet-11111111', 'subnet-22222222'],
      dnsIpAddresses: ['192.168.0.10', '192.168.1.10'],
    });
    const client = t.client();
    await register(client, 'd-1000000004', null);
    expect(await describeOne(client, 'd-1000000004')).toMatchObject({
      DirectoryType: 'AD_CONNECTOR',
      DirectoryName: 'ad.example.org',
      Alias: 'example-corp',
      DnsIpAddresses: ['192.168.0.10', '192.168.1.10'],
      SubnetIds: ['subnet-11111111', 'subnet-22222222'],
    });
  });

  it('reports an AWS Managed Microsoft AD as MICROSOFT_AD', async () => {
    await declare({ directoryId: 'd-1000000005', type: 'MICROSOFT_AD' });
    await register(t.client(), 'd-1000000005');
    expect((await describeOne(t.client(), 'd-1000000005'))?.DirectoryType).toBe('MICROSOFT_AD');
  });

  it('keeps an undeclared d- id an Active Simple AD on corp.example.com', async () => {
    await register(t.client(), 'd-1000000006');
    expect(await describeOne(t.client(), 'd-1000000006')).toMatchObject({
      DirectoryType: 'SIMPLE_AD',
      DirectoryName: 'corp.example.com',
      Alias: 'd-1000000006',
    });
  });

  it('scopes a declaration to its account and Region', async () => {
    await declare({ directoryId: 'd-1000000007', stage: 'Impaired' });
    expect(await registrationError(t.client(ACCOUNT_B), 'd-1000000007')).toBeUndefined();
    expect(await registrationError(t.client(ACCOUNT_A, 'eu-west-1'), 'd-1000000007')).toBeUndefined();
    expect((await registrationError(t.client(), 'd-1000000007'))?.name).toBe('InvalidResourceStateException');
  });

  it('registers a directory declared with registered: true at once, ready for WorkSpaces', async () => {
    const declared = await declare({ directoryId: 'd-1000000008', registered: true, dnsName: 'lab.example.com' });
    expect(declared.body.directory).toMatchObject({
      DirectoryId: 'd-1000000008',
      registered: true,
      account: ACCOUNT_A,
      region: 'us-east-1',
    });
    const client = t.client();
    expect(await describeOne(client, 'd-1000000008')).toMatchObject({
      State: 'REGISTERED',
      DirectoryName: 'lab.example.com',
    });
    const out = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: 'd-1000000008', UserName: 'jane', BundleId: 'wsb-bh8rsxt14' }],
      }),
    );
    expect(out.FailedRequests).toEqual([]);
    expect((await register(client, 'd-1000000008').catch((e: Error) => e.name)) as string).toBe(
      'ResourceAlreadyExistsException',
    );
  });
});

describe('workspaces_DefaultRole', () => {
  it('refuses every registration of an account without the role, and accepts them once it exists', async () => {
    const removed = await admin('POST', '/_emulator/default-role', { account: ACCOUNT_A, exists: false });
    expect(removed).toEqual({ status: 200, body: { account: ACCOUNT_A, exists: false } });
    expect((await admin('GET', '/_emulator/default-role')).body).toEqual({ accountsWithoutDefaultRole: [ACCOUNT_A] });
    expect(await registrationError(t.client(), 'd-2000000001')).toEqual({
      name: 'WorkspacesDefaultRoleNotFoundException',
      message:
        'The workspaces_DefaultRole role could not be found. If this is the first time you are registering a directory, you will need to create the workspaces_DefaultRole role before you can register a directory.',
      status: 400,
    });
    expect(await registrationError(t.client(ACCOUNT_A, 'eu-west-1'), 'd-2000000001')).toMatchObject({
      name: 'WorkspacesDefaultRoleNotFoundException',
    });
    expect(await registrationError(t.client(ACCOUNT_B), 'd-2000000001')).toBeUndefined();
    await admin('POST', '/_emulator/default-role', { account: ACCOUNT_A, exists: true });
    expect(await registrationError(t.client(), 'd-2000000001')).toBeUndefined();
  });

  it('checks the directory before the role', async () => {
    await admin('POST', '/_emulator/default-role', { account: ACCOUNT_A, exists: false });
    await declare({ directoryId: 'd-2000000002', stage: 'Creating' });
    expect((await registrationError(t.client(), 'd-2000000002'))?.name).toBe('InvalidResourceStateException');
  });

  it('comes back with a reset of the account', async () => {
    t.emulator.directories.setDefaultRole(ACCOUNT_A, false);
    t.emulator.reset({ account: ACCOUNT_A });
    expect(await registrationError(t.client(), 'd-2000000003')).toBeUndefined();
  });
});

describe('/_emulator/directories', () => {
  it('lists declarations with their registration, removes one, and clears them', async () => {
    await declare({ directoryId: 'd-3000000001', stage: 'Creating' });
    await admin('POST', '/_emulator/directories', {
      account: ACCOUNT_B,
      region: 'eu-west-1',
      directoryId: 'd-3000000002',
      registered: true,
    });
    expect((await admin('GET', '/_emulator/directories')).body).toEqual({
      directories: [
        {
          account: ACCOUNT_A,
          region: 'us-east-1',
          DirectoryId: 'd-3000000001',
          Type: 'SIMPLE_AD',
          Stage: 'Creating',
          DnsName: 'corp.example.com',
          registered: false,
        },
        {
          account: ACCOUNT_B,
          region: 'eu-west-1',
          DirectoryId: 'd-3000000002',
          Type: 'SIMPLE_AD',
          Stage: 'Active',
          DnsName: 'corp.example.com',
          registered: true,
        },
      ],
      truncated: false,
    });
    const removed = await admin('DELETE', `/_emulator/directories/${ACCOUNT_A}/us-east-1/d-3000000001`);
    expect(removed.body).toEqual({ removed: true });
    expect(await registrationError(t.client(), 'd-3000000001')).toBeUndefined();
    expect((await admin('DELETE', '/_emulator/directories')).body).toEqual({ cleared: 1 });
    expect((await admin('GET', '/_emulator/directories')).body).toEqual({ directories: [], truncated: false });
    expect((await describeOne(t.client(ACCOUNT_B, 'eu-west-1'), 'd-3000000002'))?.State).toBe('REGISTERED');
  });

  it('replaces a declaration of the same id', async () => {
    await declare({ directoryId: 'd-3000000003', stage: 'Creating' });
    await declare({ directoryId: 'd-3000000003', stage: 'Active', type: 'MICROSOFT_AD' });
    const { directories } = (await admin('GET', '/_emulator/directories')).body as { directories: unknown[] };
    expect(directories).toEqual([expect.objectContaining({ Stage: 'Active', Type: 'MICROSOFT_AD' })]);
  });

  it.each([
    ['not JSON', '{"account":', 'body is not valid JSON'],
    ['an array', '[]', 'body must be a JSON object'],
    ['an unknown field', { directoryId: 'd-4000000001', State: 'Active' }, 'unknown field(s): State'],
    ['no account', { account: undefined, directoryId: 'd-4000000001' }, 'account must be a 12-digit account id'],
    ['a bad Region', { region: 'US East', directoryId: 'd-4000000001' }, 'region must be a Region name like us-east-1'],
    ['no directoryId', {}, 'directoryId is required'],
    ['a wsd- id', { directoryId: 'wsd-abcdefgh1' }, 'directoryId must be a Directory Service id'],
    ['an unknown stage', { directoryId: 'd-4000000001', stage: 'ACTIVE' }, 'stage must be one of Requested,'],
    ['an unknown type', { directoryId: 'd-4000000001', type: 'CUSTOMER_MANAGED' }, 'type must be one of SIMPLE_AD,'],
    ['a bad DNS name', { directoryId: 'd-4000000001', dnsName: 'corp' }, 'dnsName must be a fully qualified'],
    ['a long DNS name', { directoryId: 'd-4000000001', dnsName: `${'a.'.repeat(130)}com` }, 'dnsName must be'],
    ['one subnet', { directoryId: 'd-4000000001', subnetIds: ['subnet-11111111'] }, 'subnetIds must be two'],
    [
      'the same subnet twice',
      { directoryId: 'd-4000000001', subnetIds: ['subnet-11111111', 'subnet-11111111'] },
      'subnetIds must be two different',
    ],
    ['a bad DNS address', { directoryId: 'd-4000000001', dnsIpAddresses: ['10.0.0.256'] }, 'dnsIpAddresses must be'],
    ['registered not a boolean', { directoryId: 'd-4000000001', registered: 'yes' }, 'registered must be true or'],
    ['a d- alias', { directoryId: 'd-4000000001', alias: 'd-corp' }, 'alias must be an alias'],
  ])('answers 400 naming the problem for %s, and stores nothing', async (_what, body, message) => {
    const sent =
      typeof body === 'string'
        ? await admin('POST', '/_emulator/directories', body)
        : await declare(body as Record<string, unknown>);
    expect(sent.status).toBe(400);
    expect(sent.body.error).toContain(message);
    expect((await admin('GET', '/_emulator/directories')).body).toEqual({ directories: [], truncated: false });
  });

  it('refuses registered: true for a directory WorkSpaces has registered already', async () => {
    await register(t.client(), 'd-4000000002');
    const sent = await declare({ directoryId: 'd-4000000002', registered: true });
    expect(sent).toEqual({
      status: 400,
      body: { error: 'directory d-4000000002 is already registered with WorkSpaces in us-east-1' },
    });
  });

  it('validates DELETE paths and default-role bodies', async () => {
    expect((await admin('DELETE', '/_emulator/directories/1/us-east-1/d-1')).status).toBe(400);
    expect((await admin('POST', '/_emulator/default-role', { account: ACCOUNT_A })).body).toEqual({
      error: 'exists must be true or false',
    });
    expect((await admin('POST', '/_emulator/default-role', { account: ACCOUNT_A, exists: false, x: 1 })).status).toBe(
      400,
    );
  });
});

describe('declared directories in fixtures and in process', () => {
  it('travels in an exported fixture and is refused there when malformed', async () => {
    t.emulator.directories.add({
      account: ACCOUNT_A,
      region: 'us-east-1',
      directoryId: 'd-5000000001',
      stage: 'Failed',
    });
    t.emulator.directories.setDefaultRole(ACCOUNT_B, false);
    const fixture = t.emulator.exportFixture();
    t.emulator.reset();
    t.emulator.seed(fixture);
    expect((await registrationError(t.client(), 'd-5000000001'))?.message).toBe(NOT_ACTIVE);
    expect((await registrationError(t.client(ACCOUNT_B), 'd-5000000002'))?.name).toBe(
      'WorkspacesDefaultRoleNotFoundException',
    );
    const broken = structuredClone(fixture) as Fixture;
    const row = broken.state.resources.find((r) => r.kind === 'dsdirectory');
    (row?.doc as Record<string, unknown>).Stage = 'Gone';
    const imported = await admin('POST', '/_emulator/import', broken);
    expect(imported.status).toBe(400);
    expect(imported.body.error).toMatch(/state\.resources\[\d+\]\.doc Stage must be one of Requested/);
  });

  it('starts an emulator from a seed that declares a directory', async () => {
    const seed: Fixture = {
      format: 'workspaces-local/fixture',
      version: 1,
      state: {
        resources: [
          {
            account: ACCOUNT_A,
            region: 'us-east-1',
            kind: 'dsdirectory',
            id: 'd-5000000003',
            doc: { DirectoryId: 'd-5000000003', Type: 'AD_CONNECTOR', Stage: 'Creating', DnsName: 'corp.example.com' },
          },
        ],
        associations: [],
        transitions: [],
        tags: [],
        imagePermissions: [],
      },
    };
    const other = await startEmulator({ seed });
    try {
      expect(other.directories.list()).toEqual([expect.objectContaining({ DirectoryId: 'd-5000000003' })]);
    } finally {
      await other.close();
    }
  });

  it('throws DirectoryDeclarationError in process and stores nothing', () => {
    expect(() =>
      t.emulator.directories.add({
        account: ACCOUNT_A,
        region: 'us-east-1',
        directoryId: 'd-5000000004',
        stage: 'x' as 'Active',
      }),
    ).toThrow(DirectoryDeclarationError);
    expect(() => t.emulator.directories.setDefaultRole('me', false)).toThrow('account must be a 12-digit account id');
    expect(t.emulator.directories.list()).toEqual([]);
    expect(t.emulator.directories.remove(ACCOUNT_A, 'us-east-1', 'd-5000000004')).toBe(false);
  });

  it('lets a declared stage change move a directory to registrable on the next call', async () => {
    t.emulator.directories.add({
      account: ACCOUNT_A,
      region: 'us-east-1',
      directoryId: 'd-5000000005',
      stage: 'Creating',
    });
    expect((await registrationError(t.client(), 'd-5000000005'))?.name).toBe('InvalidResourceStateException');
    t.emulator.directories.add({ account: ACCOUNT_A, region: 'us-east-1', directoryId: 'd-5000000005' });
    await register(t.client(), 'd-5000000005');
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    expect((await describeOne(t.client(), 'd-5000000005'))?.State).toBe('REGISTERED');
  });
});
