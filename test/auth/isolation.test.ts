// Accounts and Regions never see or change each other's resources, except images shared with
// UpdateWorkspaceImagePermission: a matrix over every implemented describe operation, then write attempts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccountLinkInvitationCommand,
  CreateConnectClientAddInCommand,
  CreateConnectionAliasCommand,
  CreateIpGroupCommand,
  CreateTagsCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesPoolCommand,
  DescribeAccountCommand,
  ImportClientBrandingCommand,
  ImportCustomWorkspaceImageCommand,
  RegisterWorkspaceDirectoryCommand,
  UpdateWorkspaceImagePermissionCommand,
} from '@aws-sdk/client-workspaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../src/handlers/index.js';
import type { AssociatedResourceType } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { SUBNETS, world } from '../helpers/world.js';
import { accountState } from './account-state.js';

const dataDir = mkdtempSync(join(tmpdir(), 'wsl-isolation-'));
const t = useEmulator({ dataDir });
const w = world(t);

const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
/** Shares nothing with ACCOUNT_A. */
const ACCOUNT_C = '333333333333';
/** The account ACCOUNT_A invites to a BYOL link; not one of the callers below. */
const INVITED_ACCOUNT = '999999999999';
const OFFICE_2016 = 'wsa-khw7gclz4';
const PERSONAL_DIRECTORY = 'd-1234567890';

interface World {
  directoryId: string;
  poolsDirectoryId: string;
  workspaceId: string;
  imageId: string;
  bundleId: string;
  groupId: string;
  aliasId: string;
  addInId: string;
  linkId: string;
  poolId: string;
  /** An image from ImportCustomWorkspaceImage, which DescribeCustomWorkspaceImageImport follows. */
  customImageId: string;
  /** The BYOL management range ACCOUNT_A uses. */
  byolRange: string;
}

const ids = {} as World;

/** A call over the wire with auth off: the access key id picks the account, the credential scope the Region. */
async function call(account: string, region: string, operation: string, input: object) {
  const res = await fetch(`${t.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `WorkspacesService.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${account}/20250101/${region}/workspaces/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return res.ok ? { ok: true as const, body } : { ok: false as const, error: String(body.__type) };
}

type Answer = Awaited<ReturnType<typeof call>>;

/** The ids in a list member of an answer, e.g. ids(body, 'Workspaces', 'WorkspaceId'). */
function listed(answer: Answer, list: string, member: string): unknown[] {
  if (!answer.ok) return [];
  const items = answer.body[list];
  return Array.isArray(items) ? items.map((item) => (item as Record<string, unknown>)[member]) : [];
}

interface Row {
  input: (world: World) => object;
  /** Whether the answer shows ACCOUNT_A's resource. */
  reveals: (answer: Answer, world: World) => boolean;
  /** ACCOUNT_B, which the image is shared with, sees it too. */
  sharedImage?: true;
}

const succeeds = (answer: Answer) => answer.ok;

/** One row per describe operation: the question, and how to tell whether the answer gives ACCOUNT_A's resource away. */
const rows: Record<string, Row> = {
  DescribeAccount: {
    input: () => ({}),
    reveals: (a) => a.ok && a.body.DedicatedTenancySupport === 'ENABLED',
  },
  DescribeAccountModifications: {
    input: () => ({}),
    reveals: (a, w) => listed(a, 'AccountModifications', 'DedicatedTenancyManagementCidrRange').includes(w.byolRange),
  },
  DescribeApplicationAssociations: {
    input: () => ({ ApplicationId: OFFICE_2016, AssociatedResourceTypes: ['WORKSPACE', 'BUNDLE', 'IMAGE'] }),
    reveals: (a, w) =>
      listed(a, 'Associations', 'AssociatedResourceId').some((id) =>
        [w.workspaceId, w.bundleId, w.imageId].includes(id as string),
      ),
  },
  DescribeBundleAssociations: {
    input: (w) => ({ BundleId: w.bundleId, AssociatedResourceTypes: ['APPLICATION'] }),
    reveals: (a) => listed(a, 'Associations', 'AssociatedResourceId').includes(OFFICE_2016),
  },
  DescribeClientBranding: {
    input: (w) => ({ ResourceId: w.directoryId }),
    reveals: (a) => a.ok && a.body.DeviceTypeWindows !== undefined,
  },
  DescribeClientProperties: {
    input: (w) => ({ ResourceIds: [w.directoryId] }),
    reveals: (a, w) => listed(a, 'ClientPropertiesList', 'ResourceId').includes(w.directoryId),
  },
  DescribeConnectClientAddIns: {
    input: (w) => ({ ResourceId: w.directoryId }),
    reveals: (a, w) => listed(a, 'AddIns', 'AddInId').includes(w.addInId),
  },
  DescribeConnectionAliasPermissions: { input: (w) => ({ AliasId: w.aliasId }), reveals: succeeds },
  DescribeConnectionAliases: {
    input: (w) => ({ AliasIds: [w.aliasId] }),
    reveals: (a, w) => listed(a, 'ConnectionAliases', 'AliasId').includes(w.aliasId),
  },
  DescribeCustomWorkspaceImageImport: { input: (w) => ({ ImageId: w.customImageId }), reveals: succeeds },
  DescribeImageAssociations: {
    input: (w) => ({ ImageId: w.imageId, AssociatedResourceTypes: ['APPLICATION'] }),
    reveals: (a) => listed(a, 'Associations', 'AssociatedResourceId').includes(OFFICE_2016),
    sharedImage: true,
  },
  DescribeIpGroups: {
    input: (w) => ({ GroupIds: [w.groupId] }),
    reveals: (a, w) => listed(a, 'Result', 'groupId').includes(w.groupId),
  },
  DescribeTags: {
    input: (w) => ({ ResourceId: w.workspaceId }),
    reveals: (a) => listed(a, 'TagList', 'Key').includes('team'),
  },
  DescribeWorkspaceAssociations: {
    input: (w) => ({ WorkspaceId: w.workspaceId, AssociatedResourceTypes: ['APPLICATION'] }),
    reveals: (a) => listed(a, 'Associations', 'AssociatedResourceId').includes(OFFICE_2016),
  },
  DescribeWorkspaceBundles: {
    input: (w) => ({ BundleIds: [w.bundleId] }),
    reveals: (a, w) => listed(a, 'Bundles', 'BundleId').includes(w.bundleId),
  },
  DescribeWorkspaceDirectories: {
    input: (w) => ({ DirectoryIds: [w.directoryId, w.poolsDirectoryId] }),
    reveals: (a) => listed(a, 'Directories', 'DirectoryId').length > 0,
  },
  DescribeWorkspaceImagePermissions: { input: (w) => ({ ImageId: w.imageId }), reveals: succeeds },
  DescribeWorkspaceImages: {
    input: (w) => ({ ImageIds: [w.imageId] }),
    reveals: (a, w) => listed(a, 'Images', 'ImageId').includes(w.imageId),
    sharedImage: true,
  },
  DescribeWorkspaceSnapshots: { input: (w) => ({ WorkspaceId: w.workspaceId }), reveals: succeeds },
  DescribeWorkspaces: {
    input: (w) => ({ WorkspaceIds: [w.workspaceId] }),
    reveals: (a, w) => listed(a, 'Workspaces', 'WorkspaceId').includes(w.workspaceId),
  },
  DescribeWorkspacesConnectionStatus: {
    input: (w) => ({ WorkspaceIds: [w.workspaceId] }),
    reveals: (a, w) => listed(a, 'WorkspacesConnectionStatus', 'WorkspaceId').includes(w.workspaceId),
  },
  DescribeWorkspacesPoolSessions: { input: (w) => ({ PoolId: w.poolId }), reveals: succeeds },
  DescribeWorkspacesPools: {
    input: (w) => ({ PoolIds: [w.poolId] }),
    reveals: (a, w) => listed(a, 'WorkspacesPools', 'PoolId').includes(w.poolId),
  },
  GetAccountLink: { input: (w) => ({ LinkId: w.linkId }), reveals: succeeds },
  ListAccountLinks: {
    input: () => ({}),
    reveals: (a, w) => listed(a, 'AccountLinks', 'AccountLinkId').includes(w.linkId),
  },
  ListAvailableManagementCidrRanges: {
    // ACCOUNT_A's BYOL range is in use there, so only its own listing leaves it out.
    input: (w) => ({ ManagementCidrRangeConstraint: w.byolRange }),
    reveals: (a, w) => a.ok && !(a.body.ManagementCidrRanges as string[]).includes(w.byolRange),
  },
};

/** The AWS application catalog: the same for every caller, with nothing of any account in it. */
const CATALOG_OPERATIONS = new Set(['DescribeApplications']);

function installApplication(type: AssociatedResourceType, id: string) {
  const at = t.emulator.clock.now().getTime();
  t.emulator.app.store.associations.put(
    { account: ACCOUNT_A, region: REGION },
    { resourceType: type, resourceId: id, applicationId: OFFICE_2016, state: 'COMPLETED', created: at, updated: at },
  );
}

/** Steps past every creation transition (all last seconds). */
const settle = () => t.emulator.clock.advance(60);

async function buildWorld(): Promise<void> {
  const a = t.client(ACCOUNT_A, REGION);
  ids.directoryId = await w.registerDirectory(a, PERSONAL_DIRECTORY);
  ids.workspaceId = await w.launchWorkspace(a, {
    DirectoryId: ids.directoryId,
    UserName: 'owner',
    BundleId: 'wsb-gm4d5tx2v',
  });
  await a.send(new CreateTagsCommand({ ResourceId: ids.workspaceId, Tags: [{ Key: 'team', Value: 'owner' }] }));
  await w.enableByol(a);
  // An image of the WorkSpace, default tenancy: a BYOL image could be shared only with an account enabled for BYOL.
  const image = await a.send(
    new CreateWorkspaceImageCommand({
      Name: 'isolation-image',
      Description: 'image of ACCOUNT_A',
      WorkspaceId: ids.workspaceId,
    }),
  );
  ids.imageId = image.ImageId ?? '';
  settle();
  const bundle = await a.send(
    new CreateWorkspaceBundleCommand({
      BundleName: 'isolation-bundle',
      BundleDescription: 'A bundle of ACCOUNT_A',
      ImageId: ids.imageId,
      ComputeType: { Name: 'STANDARD' },
      UserStorage: { Capacity: '100' },
    }),
  );
  ids.bundleId = bundle.WorkspaceBundle?.BundleId ?? '';
  await a.send(
    new UpdateWorkspaceImagePermissionCommand({
      ImageId: ids.imageId,
      AllowCopyImage: true,
      SharedAccountId: ACCOUNT_B,
    }),
  );
  installApplication('WORKSPACE', ids.workspaceId);
  installApplication('IMAGE', ids.imageId);
  installApplication('BUNDLE', ids.bundleId);
  ids.groupId = (await a.send(new CreateIpGroupCommand({ GroupName: 'isolation-group' }))).GroupId ?? '';
  ids.aliasId =
    (await a.send(new CreateConnectionAliasCommand({ ConnectionString: 'desktop.example.com' }))).AliasId ?? '';
  await a.send(
    new ImportClientBrandingCommand({
      ResourceId: ids.directoryId,
      DeviceTypeWindows: { SupportEmail: 'help@example.com' },
    }),
  );
  const addIn = await a.send(
    new CreateConnectClientAddInCommand({
      ResourceId: ids.directoryId,
      Name: 'connect',
      URL: 'https://example.my.connect.aws/ccp-v2',
    }),
  );
  ids.addInId = addIn.AddInId ?? '';
  // BYOL is enabled for ACCOUNT_A above.
  ids.byolRange = (await a.send(new DescribeAccountCommand({}))).DedicatedTenancyManagementCidrRange ?? '';
  const customImage = await a.send(
    new ImportCustomWorkspaceImageCommand({
      ImageName: 'isolation-custom-image',
      ImageDescription: 'custom image of ACCOUNT_A',
      ComputeType: 'BASE',
      Protocol: 'DCV',
      ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
      InfrastructureConfigurationArn: `arn:aws:imagebuilder:${REGION}:${ACCOUNT_A}:infrastructure-configuration/builder`,
      Platform: 'WINDOWS',
      OsVersion: 'Windows_11',
    }),
  );
  ids.customImageId = customImage.ImageId ?? '';
  const link = await a.send(new CreateAccountLinkInvitationCommand({ TargetAccountId: INVITED_ACCOUNT }));
  ids.linkId = link.AccountLink?.AccountLinkId ?? '';
  const pools = await a.send(
    new RegisterWorkspaceDirectoryCommand({
      WorkspaceType: 'POOLS',
      WorkspaceDirectoryName: 'isolation-pools',
      WorkspaceDirectoryDescription: 'pools of ACCOUNT_A',
      UserIdentityType: 'CUSTOMER_MANAGED',
      SubnetIds: SUBNETS,
    }),
  );
  ids.poolsDirectoryId = pools.DirectoryId ?? '';
  settle();
  const pool = await a.send(
    new CreateWorkspacesPoolCommand({
      PoolName: 'isolation-pool',
      Description: 'pool of ACCOUNT_A',
      BundleId: 'wsb-gqbt42cw7',
      DirectoryId: ids.poolsDirectoryId,
      Capacity: { DesiredUserSessions: 1 },
    }),
  );
  ids.poolId = pool.WorkspacesPool?.PoolId ?? '';
  settle();
}

beforeAll(buildWorld);

/** Callers that must not see ACCOUNT_A's resources in us-east-1 (ACCOUNT_B is added for rows without a shared image). */
const strangers = [
  { who: 'another account', account: ACCOUNT_C, region: REGION },
  { who: 'the same account in another Region', account: ACCOUNT_A, region: OTHER_REGION },
];

describe('the isolation matrix', () => {
  it('has a row for every implemented describe, list and get operation', () => {
    const implemented = Object.keys(handlers).filter((name) => /^(Describe|List|Get)/.test(name));
    expect(implemented.sort()).toEqual([...Object.keys(rows), ...CATALOG_OPERATIONS].sort());
  });

  describe.each(Object.entries(rows))('%s', (operation, row) => {
    it('shows the owner its resource', async () => {
      const answer = await call(ACCOUNT_A, REGION, operation, row.input(ids));
      expect(answer).toMatchObject({ ok: true });
      expect(row.reveals(answer, ids)).toBe(true);
    });

    const others = row.sharedImage
      ? strangers
      : [...strangers, { who: 'the grantee of the shared image', account: ACCOUNT_B, region: REGION }];
    it.each(others)('shows nothing of it to $who', async ({ account, region }) => {
      const answer = await call(account, region, operation, row.input(ids));
      expect(row.reveals(answer, ids)).toBe(false);
      if (!answer.ok)
        expect(answer.error).toMatch(
          /^(ResourceNotFoundException|AccessDeniedException|InvalidParameterValuesException)$/,
        );
    });

    if (row.sharedImage) {
      it('shows the shared image to the account it is shared with', async () => {
        const answer = await call(ACCOUNT_B, REGION, operation, row.input(ids));
        expect(row.reveals(answer, ids)).toBe(true);
      });
    }
  });

  it.each([...CATALOG_OPERATIONS])('%s gives every caller the same answer', async (operation) => {
    const owner = await call(ACCOUNT_A, REGION, operation, {});
    expect(owner.ok).toBe(true);
    for (const { account, region } of [...strangers, { account: ACCOUNT_B, region: REGION }]) {
      expect(await call(account, region, operation, {})).toEqual(owner);
    }
  });
});

describe('a shared image', () => {
  const images = async (account: string, ImageType: string) =>
    listed(await call(account, REGION, 'DescribeWorkspaceImages', { ImageType }), 'Images', 'ImageId');

  it('is SHARED for the grantee and OWNED only for its owner', async () => {
    expect(await images(ACCOUNT_B, 'SHARED')).toEqual([ids.imageId]);
    expect(await images(ACCOUNT_B, 'OWNED')).toEqual([]);
    expect(await images(ACCOUNT_A, 'OWNED')).toContain(ids.imageId);
    expect(await images(ACCOUNT_C, 'SHARED')).toEqual([]);
  });

  it('is copied by the grantee before it builds a bundle, in the grantee account', async () => {
    const bundleInput = (ImageId: string) => ({
      BundleName: 'grantee-bundle',
      BundleDescription: 'built from a copy of a shared image',
      ImageId,
      ComputeType: { Name: 'STANDARD' },
      UserStorage: { Capacity: '100' },
    });
    expect(await call(ACCOUNT_B, REGION, 'CreateWorkspaceBundle', bundleInput(ids.imageId))).toEqual({
      ok: false,
      error: 'InvalidParameterValuesException',
    });
    const copy = await call(ACCOUNT_B, REGION, 'CopyWorkspaceImage', {
      Name: 'grantee-copy',
      SourceImageId: ids.imageId,
      SourceRegion: REGION,
    });
    const copyId = copy.ok ? (copy.body.ImageId as string) : '';
    settle();
    const answer = await call(ACCOUNT_B, REGION, 'CreateWorkspaceBundle', bundleInput(copyId));
    expect(answer).toMatchObject({ ok: true });
    const bundleId = answer.ok ? (answer.body.WorkspaceBundle as { BundleId: string }).BundleId : '';
    const seenBy = async (account: string) =>
      listed(await call(account, REGION, 'DescribeWorkspaceBundles', { BundleIds: [bundleId] }), 'Bundles', 'BundleId');
    expect(await seenBy(ACCOUNT_B)).toEqual([bundleId]);
    expect(await seenBy(ACCOUNT_A)).toEqual([]);
  });

  it('cannot be deleted or shared on by the grantee', async () => {
    const before = accountState(dataDir, ACCOUNT_A);
    expect(await call(ACCOUNT_B, REGION, 'DeleteWorkspaceImage', { ImageId: ids.imageId })).toEqual({
      ok: false,
      error: 'AccessDeniedException',
    });
    const reshare = { ImageId: ids.imageId, AllowCopyImage: true, SharedAccountId: ACCOUNT_C };
    expect(await call(ACCOUNT_B, REGION, 'UpdateWorkspaceImagePermission', reshare)).toEqual({
      ok: false,
      error: 'AccessDeniedException',
    });
    expect(accountState(dataDir, ACCOUNT_A)).toBe(before);
  });
});

describe("another account's write attempts", () => {
  const attempts = (world: World): [string, object][] => [
    ['TerminateWorkspaces', { TerminateWorkspaceRequests: [{ WorkspaceId: world.workspaceId }] }],
    ['StopWorkspaces', { StopWorkspaceRequests: [{ WorkspaceId: world.workspaceId }] }],
    ['DeleteTags', { ResourceId: world.workspaceId, TagKeys: ['team'] }],
    ['CreateTags', { ResourceId: world.imageId, Tags: [{ Key: 'stolen', Value: 'yes' }] }],
    ['DeleteWorkspaceImage', { ImageId: world.imageId }],
    ['DeleteWorkspaceBundle', { BundleId: world.bundleId }],
    ['DeregisterWorkspaceDirectory', { DirectoryId: world.directoryId }],
    ['DeleteIpGroup', { GroupId: world.groupId }],
    ['DeleteConnectionAlias', { AliasId: world.aliasId }],
    ['DeleteConnectClientAddIn', { ResourceId: world.directoryId, AddInId: world.addInId }],
    ['TerminateWorkspacesPool', { PoolId: world.poolId }],
    ['DeleteAccountLinkInvitation', { LinkId: world.linkId }],
    ['UpdateWorkspaceImagePermission', { ImageId: world.imageId, AllowCopyImage: false, SharedAccountId: ACCOUNT_B }],
  ];

  it.each([...strangers, { who: 'the grantee of the shared image', account: ACCOUNT_B, region: REGION }])(
    'leave everything of ACCOUNT_A as it was: $who',
    async ({ account, region }) => {
      const before = accountState(dataDir, ACCOUNT_A);
      for (const [operation, input] of attempts(ids)) await call(account, region, operation, input);
      settle();
      expect(accountState(dataDir, ACCOUNT_A)).toBe(before);
    },
  );
});
