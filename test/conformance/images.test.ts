// Images through the SDK: creation from a WorkSpace, copy, BYOL import, updates, sharing, listing and deletion.
import {
  CopyWorkspaceImageCommand,
  CreateTagsCommand,
  CreateUpdatedWorkspaceImageCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  DeleteWorkspaceBundleCommand,
  DeleteWorkspaceImageCommand,
  DescribeTagsCommand,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeWorkspaceImagesCommand,
  type DescribeWorkspaceImagesCommandInput,
  DescribeWorkspacesCommand,
  ImportWorkspaceImageCommand,
  ModifyWorkspacePropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  type RegisterWorkspaceDirectoryCommandInput,
  StopWorkspacesCommand,
  UpdateWorkspaceImagePermissionCommand,
  type WorkSpacesClient,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import type { ImageRecord } from '../../src/domain/records.js';
import type { AssociatedResourceType, Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';

const t = useEmulator();
const { availableImage, enableByol, importImage } = world(t);

const ACCOUNT_C = '333333333333';
const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
const scopeA: Scope = { account: ACCOUNT_A, region: REGION };
const OFFICE_2016 = 'wsa-khw7gclz4';
const OFFICE_2019 = 'wsa-hvh179sq6';
const DAY_SECONDS = 86_400;
const HOUR_SECONDS = 3_600;
/** Standard with Windows 10 and Office 2016 (Server 2016 based): its WorkSpaces carry Office 2016. */
const OFFICE_2016_BUNDLE = 'wsb-w16st0x16';

const seconds = (ms: number) => ms / 1000;

const DIRECTORY = 'd-1234567890';
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];
let directoryReady = false;
let users = 0;

beforeEach(() => {
  t.emulator.reset();
  directoryReady = false;
});

async function registerDirectory(directoryId: string, extra: Partial<RegisterWorkspaceDirectoryCommandInput> = {}) {
  await t
    .client()
    .send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: SUBNETS, ...extra }));
  t.emulator.clock.advance(seconds(durations.directoryRegister));
}

/** An AVAILABLE WorkSpace of ACCOUNT_A: Performance with Windows 10 (Server 2016 based), 175 GB root, 100 GB user. */
async function launchWorkspace(extra: Partial<WorkspaceRequest> = {}): Promise<string> {
  if (!directoryReady) {
    await registerDirectory(DIRECTORY);
    directoryReady = true;
  }
  users += 1;
  const request: WorkspaceRequest = {
    DirectoryId: DIRECTORY,
    UserName: `user${users}`,
    BundleId: 'wsb-gm4d5tx2v',
    WorkspaceProperties: { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 },
    ...extra,
  };
  const out = await t.client().send(new CreateWorkspacesCommand({ Workspaces: [request] }));
  const workspaceId = out.PendingRequests?.[0]?.WorkspaceId;
  if (!workspaceId) throw new Error(`no WorkSpace launched: ${JSON.stringify(out.FailedRequests)}`);
  t.emulator.clock.advance(seconds(durations.workspaceCreate));
  return workspaceId;
}

async function workspaceState(workspaceId: string) {
  const out = await t.client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [workspaceId] }));
  return out.Workspaces?.[0]?.State;
}

function installApplication(
  scope: Scope,
  type: AssociatedResourceType,
  id: string,
  applicationId: string,
  state = 'COMPLETED',
) {
  const at = t.emulator.clock.now().getTime();
  t.emulator.app.store.associations.put(scope, {
    resourceType: type,
    resourceId: id,
    applicationId,
    state,
    created: at,
    updated: at,
  });
}

function applicationsOf(scope: Scope, type: AssociatedResourceType, id: string) {
  return t.emulator.app.store.associations
    .forResource(scope, type, id)
    .map((a) => ({ applicationId: a.applicationId, state: a.state }));
}

async function describeImage(client: WorkSpacesClient, imageId: string) {
  const out = await client.send(new DescribeWorkspaceImagesCommand({ ImageIds: [imageId] }));
  return out.Images?.[0];
}

/** An AVAILABLE image made from a new WorkSpace of ACCOUNT_A. */
async function imageFromWorkspace(client: WorkSpacesClient, name: string, workspace: Partial<WorkspaceRequest> = {}) {
  const workspaceId = await launchWorkspace(workspace);
  const out = await client.send(
    new CreateWorkspaceImageCommand({ Name: name, Description: 'Golden image', WorkspaceId: workspaceId }),
  );
  t.emulator.clock.advance(seconds(durations.imageCreate));
  return out.ImageId ?? '';
}

/** Shares an image; the imported images these tests use are BYOL images, so the grantee gets BYOL enabled first. */
async function share(owner: WorkSpacesClient, imageId: string, account: string, allow = true) {
  if (allow) await enableByol(t.client(account));
  await owner.send(
    new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, AllowCopyImage: allow, SharedAccountId: account }),
  );
}

async function walkImages(client: WorkSpacesClient, input: DescribeWorkspaceImagesCommandInput): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const out = await client.send(new DescribeWorkspaceImagesCommand({ ...input, NextToken: token }));
    ids.push(...(out.Images ?? []).map((image) => image.ImageId ?? ''));
    token = out.NextToken;
    if (token === undefined) return ids;
  }
  throw new Error('the listing never ended');
}

describe('CreateWorkspaceImage', () => {
  it('returns a PENDING image owned by the caller with the WorkSpace operating system', async () => {
    const workspaceId = await launchWorkspace();
    const out = await t
      .client()
      .send(
        new CreateWorkspaceImageCommand({ Name: 'golden-1', Description: 'Golden image', WorkspaceId: workspaceId }),
      );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out).toMatchObject({
      Name: 'golden-1',
      Description: 'Golden image',
      OperatingSystem: { Type: 'WINDOWS' },
      State: 'PENDING',
      RequiredTenancy: 'DEFAULT',
      OwnerAccountId: ACCOUNT_A,
      Created: t.emulator.clock.now(),
    });
    expect(out.ImageId).toMatch(/^wsi-[0-9a-z]{9}$/);
  });

  it('suspends the source WorkSpace until the image becomes AVAILABLE', async () => {
    const client = t.client();
    const workspaceId = await launchWorkspace();
    const { ImageId: imageId = '' } = await client.send(
      new CreateWorkspaceImageCommand({ Name: 'golden', Description: 'Golden image', WorkspaceId: workspaceId }),
    );
    expect(await workspaceState(workspaceId)).toBe('SUSPENDED');

    t.emulator.clock.advance(seconds(durations.imageCreate) - 1);
    expect((await describeImage(client, imageId))?.State).toBe('PENDING');
    expect(await workspaceState(workspaceId)).toBe('SUSPENDED');

    t.emulator.clock.advance(1);
    expect((await describeImage(client, imageId))?.State).toBe('AVAILABLE');
    expect(await workspaceState(workspaceId)).toBe('AVAILABLE');
  });

  it('gives the image the COMPLETED applications of the WorkSpace only', async () => {
    const workspaceId = await launchWorkspace({ BundleId: OFFICE_2016_BUNDLE });
    installApplication(scopeA, 'WORKSPACE', workspaceId, 'wsa-vs22pr0f1', 'PENDING_INSTALL');
    const { ImageId = '' } = await t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'apps', Description: 'With apps', WorkspaceId: workspaceId }));
    expect(applicationsOf(scopeA, 'IMAGE', ImageId)).toEqual([{ applicationId: OFFICE_2016, state: 'COMPLETED' }]);
  });

  it('stores the tags given at creation', async () => {
    const client = t.client();
    const { ImageId } = await client.send(
      new CreateWorkspaceImageCommand({
        Name: 'tagged',
        Description: 'Tagged',
        WorkspaceId: await launchWorkspace(),
        Tags: [{ Key: 'team', Value: 'desktops' }],
      }),
    );
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: ImageId }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'desktops' }]);
  });

  it('records the WorkSpace volumes, so a bundle of the image cannot be smaller', async () => {
    const client = t.client();
    const imageId = await imageFromWorkspace(client, 'big-volumes');
    const small = client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'small',
        BundleDescription: 'Too small',
        ImageId: imageId,
        ComputeType: { Name: 'POWER' },
        RootStorage: { Capacity: '80' },
        UserStorage: { Capacity: '100' },
      }),
    );
    await expect(small).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('marks images of WorkSpaces in a dedicated-tenancy directory DEDICATED', async () => {
    await enableByol(t.client());
    await registerDirectory('d-9999999999', { Tenancy: 'DEDICATED' });
    const workspaceId = await launchWorkspace({ DirectoryId: 'd-9999999999' });
    const out = await t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'dedicated', Description: 'Dedicated', WorkspaceId: workspaceId }));
    expect(out.RequiredTenancy).toBe('DEDICATED');
  });

  it('rejects an unknown WorkSpace', async () => {
    const p = t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: 'ws-unknown00' }));
    await expect(p).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('does not see a WorkSpace of another account or Region', async () => {
    const workspaceId = await launchWorkspace();
    for (const client of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, OTHER_REGION)]) {
      const p = client.send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: workspaceId }));
      await expect(p).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
  });

  it('rejects a WorkSpace that is not AVAILABLE', async () => {
    const workspaceId = await launchWorkspace({ WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
    await t.client().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: workspaceId }] }));
    t.emulator.clock.advance(seconds(durations.workspaceStop));
    const p = t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: workspaceId }));
    await expect(p).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The WorkSpace ${workspaceId} is STOPPED. An image can only be created from an AVAILABLE WorkSpace.`,
    });
  });

  it('rejects a WorkSpace that is already being imaged', async () => {
    const client = t.client();
    const workspaceId = await launchWorkspace();
    await client.send(new CreateWorkspaceImageCommand({ Name: 'first', Description: 'x', WorkspaceId: workspaceId }));
    const p = client.send(
      new CreateWorkspaceImageCommand({ Name: 'second', Description: 'x', WorkspaceId: workspaceId }),
    );
    await expect(p).rejects.toMatchObject({ name: 'InvalidResourceStateException' });
  });

  it('rejects a WorkSpace whose properties are being modified', async () => {
    const workspaceId = await launchWorkspace();
    t.emulator.clock.advance(6 * HOUR_SECONDS);
    await t.client().send(
      new ModifyWorkspacePropertiesCommand({
        WorkspaceId: workspaceId,
        WorkspaceProperties: { ComputeTypeName: 'POWER' },
      }),
    );
    const p = t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: workspaceId }));
    await expect(p).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: 'The properties of this WorkSpace are currently under modification. Please try again in a moment.',
    });
  });

  it('refuses WorkSpaces with encrypted volumes', async () => {
    const workspaceId = await launchWorkspace({
      UserVolumeEncryptionEnabled: true,
      VolumeEncryptionKey: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    const p = t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: workspaceId }));
    await expect(p).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
  });

  it('refuses WorkSpaces running Windows 7', async () => {
    const workspaceId = await launchWorkspace({ BundleId: 'wsb-b0s22j3d7', WorkspaceProperties: {} });
    const p = t
      .client()
      .send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'x', WorkspaceId: workspaceId }));
    await expect(p).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
  });

  it('rejects a name already used by an image of the account and Region', async () => {
    const client = t.client();
    await importImage(client, 'taken');
    const workspaceId = await launchWorkspace();
    const p = client.send(
      new CreateWorkspaceImageCommand({ Name: 'taken', Description: 'x', WorkspaceId: workspaceId }),
    );
    await expect(p).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message:
        'A WorkSpace image with the same name exists in the destination Region. Provide a unique destination image name, and try again.',
    });
    expect(await workspaceState(workspaceId)).toBe('AVAILABLE');
  });

  it('enforces the quota of 40 images per Region', async () => {
    const client = t.client();
    for (let i = 0; i < 40; i++) await importImage(client, `quota-${i}`);
    const p = client.send(
      new CreateWorkspaceImageCommand({ Name: 'one-more', Description: 'x', WorkspaceId: await launchWorkspace() }),
    );
    await expect(p).rejects.toMatchObject({ name: 'ResourceLimitExceededException' });
    await expect(importImage(t.client(ACCOUNT_A, OTHER_REGION), 'other-region')).resolves.toMatch(/^wsi-/);
  });
});

describe('DescribeWorkspaceImages', () => {
  it('lists owned images, then images shared with the caller', async () => {
    const a = t.client();
    const b = t.client(ACCOUNT_B);
    const own = await availableImage(b, 'own');
    const shared = await availableImage(a, 'shared-by-a');
    await share(a, shared, ACCOUNT_B);

    const all = await b.send(new DescribeWorkspaceImagesCommand({}));
    expect(all.Images?.map((i) => [i.ImageId, i.OwnerAccountId])).toEqual([
      [own, ACCOUNT_B],
      [shared, ACCOUNT_A],
    ]);
    expect(await walkImages(b, { ImageType: 'OWNED' })).toEqual([own]);
    expect(await walkImages(b, { ImageType: 'SHARED' })).toEqual([shared]);
  });

  it('describes a BYOL image with its tenancy, OS type and original creation time', async () => {
    const client = t.client();
    await enableByol(client);
    const created = t.emulator.clock.now();
    const imageId = await availableImage(client, 'byol');
    expect(await describeImage(client, imageId)).toEqual({
      ImageId: imageId,
      Name: 'byol',
      Description: 'Imported BYOL image',
      OperatingSystem: { Type: 'WINDOWS' },
      State: 'AVAILABLE',
      RequiredTenancy: 'DEDICATED',
      Created: created,
      OwnerAccountId: ACCOUNT_A,
      Updates: { UpdateAvailable: false },
    });
  });

  it('omits unknown ids and images the caller cannot see', async () => {
    const a = t.client();
    const mine = await importImage(a, 'mine');
    const notShared = await importImage(t.client(ACCOUNT_B), 'not-shared');
    const out = await a.send(
      new DescribeWorkspaceImagesCommand({ ImageIds: [mine, notShared, 'wsi-unknown00', mine] }),
    );
    expect(out.Images?.map((i) => i.ImageId)).toEqual([mine]);
  });

  it('applies ImageType to ImageIds', async () => {
    const a = t.client();
    const b = t.client(ACCOUNT_B);
    const own = await availableImage(b, 'own');
    const shared = await availableImage(a, 'shared');
    await share(a, shared, ACCOUNT_B);
    const ids = [own, shared];
    const owned = await b.send(new DescribeWorkspaceImagesCommand({ ImageIds: ids, ImageType: 'OWNED' }));
    const sharedOnly = await b.send(new DescribeWorkspaceImagesCommand({ ImageIds: ids, ImageType: 'SHARED' }));
    expect(owned.Images?.map((i) => i.ImageId)).toEqual([own]);
    expect(sharedOnly.Images?.map((i) => i.ImageId)).toEqual([shared]);
  });

  it('walks owned and shared images page by page without duplicates or gaps', async () => {
    const a = t.client();
    const b = t.client(ACCOUNT_B);
    const owned: string[] = [];
    for (let i = 0; i < 12; i++) owned.push(await importImage(b, `owned-${i}`));
    const shared: string[] = [];
    for (let i = 0; i < 5; i++) shared.push(await importImage(a, `shared-${i}`));
    t.emulator.clock.advance(seconds(durations.imageImport));
    for (const id of shared) await share(a, id, ACCOUNT_B);

    for (const MaxResults of [1, 4, 12, 17, 25]) {
      const ids = await walkImages(b, { MaxResults });
      expect(ids).toEqual([...owned, ...[...shared].sort()]);
    }
    expect(await walkImages(b, { MaxResults: 2, ImageType: 'SHARED' })).toEqual([...shared].sort());
  });

  it('ends on a full page without a NextToken when nothing follows', async () => {
    const client = t.client();
    for (let i = 0; i < 3; i++) await importImage(client, `img-${i}`);
    const out = await client.send(new DescribeWorkspaceImagesCommand({ MaxResults: 3 }));
    expect(out.Images).toHaveLength(3);
    expect(out.NextToken).toBeUndefined();
  });

  it('pages through ImageIds', async () => {
    const client = t.client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await importImage(client, `id-${i}`));
    const first = await client.send(new DescribeWorkspaceImagesCommand({ ImageIds: ids, MaxResults: 3 }));
    const second = await client.send(
      new DescribeWorkspaceImagesCommand({ ImageIds: ids, MaxResults: 3, NextToken: first.NextToken }),
    );
    expect([...(first.Images ?? []), ...(second.Images ?? [])].map((i) => i.ImageId)).toEqual(ids);
    expect(second.NextToken).toBeUndefined();
  });

  it('rejects a NextToken it did not issue, or one from another listing', async () => {
    const client = t.client();
    for (let i = 0; i < 3; i++) await importImage(client, `img-${i}`);
    const bad = client.send(new DescribeWorkspaceImagesCommand({ NextToken: 'not-a-token' }));
    await expect(bad).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
    const { NextToken } = await client.send(new DescribeWorkspaceImagesCommand({ MaxResults: 1, ImageType: 'OWNED' }));
    const crossed = client.send(new DescribeWorkspaceImagesCommand({ ImageType: 'SHARED', NextToken }));
    await expect(crossed).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('reports updates for Windows 10 and Server 2016/2019 images once they are 30 days old', async () => {
    const client = t.client();
    const windows = await imageFromWorkspace(client, 'server-2016');
    const linux = await imageFromWorkspace(client, 'linux', { BundleId: 'wsb-clj85qzj1', WorkspaceProperties: {} });
    expect((await describeImage(client, windows))?.Updates).toEqual({ UpdateAvailable: false });

    t.emulator.clock.advance(30 * DAY_SECONDS);
    expect((await describeImage(client, windows))?.Updates).toMatchObject({ UpdateAvailable: true });
    const linuxImage = await describeImage(client, linux);
    expect(linuxImage?.OperatingSystem).toEqual({ Type: 'LINUX' });
    expect(linuxImage?.Updates).toBeUndefined();
  });
});

describe('DeleteWorkspaceImage', () => {
  it('deletes an image with its tags and applications', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'doomed', { Applications: ['Microsoft_Office_2019'] });
    await client.send(new CreateTagsCommand({ ResourceId: imageId, Tags: [{ Key: 'k', Value: 'v' }] }));

    const out = await client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await describeImage(client, imageId)).toBeUndefined();
    expect(applicationsOf(scopeA, 'IMAGE', imageId)).toEqual([]);
    await expect(client.send(new DescribeTagsCommand({ ResourceId: imageId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('succeeds for an unknown image id', async () => {
    const out = await t.client().send(new DeleteWorkspaceImageCommand({ ImageId: 'wsi-unknown00' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('leaves an image of another account alone', async () => {
    const b = t.client(ACCOUNT_B);
    const imageId = await availableImage(b, 'not-yours');
    await t.client().send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
    expect((await describeImage(b, imageId))?.State).toBe('AVAILABLE');
  });

  it('refuses a PENDING image', async () => {
    const client = t.client();
    const imageId = await importImage(client, 'pending');
    const p = client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
    await expect(p).rejects.toMatchObject({ name: 'InvalidResourceStateException' });
  });

  it('refuses an image that a bundle uses, until the bundle is deleted', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'in-bundle');
    const { WorkspaceBundle } = await client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'uses-image',
        BundleDescription: 'Uses the image',
        ImageId: imageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    await expect(client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }))).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
      message: `The image ${imageId} is used by one or more bundles. Delete the bundles that use it, and try again.`,
    });
    await client.send(new DeleteWorkspaceBundleCommand({ BundleId: WorkspaceBundle?.BundleId }));
    await client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
    expect(await describeImage(client, imageId)).toBeUndefined();
  });

  it('refuses a shared image until it is unshared', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'shared');
    await share(client, imageId, ACCOUNT_B);
    await expect(client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }))).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
    });
    await share(client, imageId, ACCOUNT_B, false);
    await client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
    expect(await describeImage(client, imageId)).toBeUndefined();
  });
});

describe('CopyWorkspaceImage', () => {
  it('copies an image from another Region of the account, with its applications', async () => {
    const source = t.client(ACCOUNT_A, OTHER_REGION);
    const sourceId = await availableImage(source, 'source', { Applications: ['Microsoft_Office_2016'] });
    const client = t.client();
    const { ImageId: copyId = '' } = await client.send(
      new CopyWorkspaceImageCommand({ Name: 'copy', SourceImageId: sourceId, SourceRegion: OTHER_REGION }),
    );
    expect(copyId).not.toBe(sourceId);
    expect(await describeImage(client, copyId)).toMatchObject({
      Name: 'copy',
      Description: 'Imported BYOL image',
      State: 'PENDING',
      RequiredTenancy: 'DEDICATED',
      OwnerAccountId: ACCOUNT_A,
    });
    expect(applicationsOf(scopeA, 'IMAGE', copyId)).toEqual([{ applicationId: OFFICE_2016, state: 'COMPLETED' }]);

    t.emulator.clock.advance(seconds(durations.imageCopy) - 1);
    expect((await describeImage(client, copyId))?.State).toBe('PENDING');
    t.emulator.clock.advance(1);
    expect((await describeImage(client, copyId))?.State).toBe('AVAILABLE');
  });

  it('copies within the Region and takes the given description and tags', async () => {
    const client = t.client();
    const sourceId = await availableImage(client, 'source');
    const { ImageId } = await client.send(
      new CopyWorkspaceImageCommand({
        Name: 'copy',
        Description: 'Second copy',
        SourceImageId: sourceId,
        SourceRegion: REGION,
        Tags: [{ Key: 'copied', Value: 'yes' }],
      }),
    );
    expect((await describeImage(client, ImageId ?? ''))?.Description).toBe('Second copy');
    expect((await client.send(new DescribeTagsCommand({ ResourceId: ImageId }))).TagList).toEqual([
      { Key: 'copied', Value: 'yes' },
    ]);
  });

  it('copies an image shared with the caller, carrying the owner applications', async () => {
    const a = t.client();
    const sourceId = await availableImage(a, 'shared-source', { Applications: ['Microsoft_Office_2019'] });
    await share(a, sourceId, ACCOUNT_B);
    const b = t.client(ACCOUNT_B);
    const { ImageId = '' } = await b.send(
      new CopyWorkspaceImageCommand({ Name: 'my-copy', SourceImageId: sourceId, SourceRegion: REGION }),
    );
    expect((await describeImage(b, ImageId))?.OwnerAccountId).toBe(ACCOUNT_B);
    expect(applicationsOf({ account: ACCOUNT_B, region: REGION }, 'IMAGE', ImageId)).toEqual([
      { applicationId: OFFICE_2019, state: 'COMPLETED' },
    ]);
    expect(await walkImages(b, { ImageType: 'OWNED' })).toEqual([ImageId]);
  });

  it('does not find an image that is unknown, not shared, or in another Region than SourceRegion', async () => {
    const client = t.client();
    const notShared = await availableImage(t.client(ACCOUNT_B), 'b-image');
    const here = await availableImage(client, 'here');
    for (const [SourceImageId, SourceRegion] of [
      ['wsi-unknown00', REGION],
      [notShared, REGION],
      [here, OTHER_REGION],
    ] as const) {
      const p = client.send(new CopyWorkspaceImageCommand({ Name: 'copy', SourceImageId, SourceRegion }));
      await expect(p).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `The image ${SourceImageId} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      });
    }
  });

  it('refuses a source that is not AVAILABLE yet', async () => {
    const client = t.client();
    const pending = await importImage(client, 'pending');
    const p = client.send(
      new CopyWorkspaceImageCommand({ Name: 'copy', SourceImageId: pending, SourceRegion: REGION }),
    );
    await expect(p).rejects.toMatchObject({ name: 'ResourceUnavailableException' });
  });

  it('needs a name unique in the destination Region', async () => {
    const source = t.client(ACCOUNT_A, OTHER_REGION);
    const sourceId = await availableImage(source, 'same-name');
    const sameRegion = source.send(
      new CopyWorkspaceImageCommand({ Name: 'same-name', SourceImageId: sourceId, SourceRegion: OTHER_REGION }),
    );
    await expect(sameRegion).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    const otherRegion = await t
      .client()
      .send(new CopyWorkspaceImageCommand({ Name: 'same-name', SourceImageId: sourceId, SourceRegion: OTHER_REGION }));
    expect(otherRegion.ImageId).toMatch(/^wsi-/);
  });

  it('counts copies against the destination quota', async () => {
    const client = t.client();
    const sourceId = await availableImage(client, 'source');
    for (let i = 1; i < 40; i++) await importImage(client, `fill-${i}`);
    const p = client.send(
      new CopyWorkspaceImageCommand({ Name: 'copy', SourceImageId: sourceId, SourceRegion: REGION }),
    );
    await expect(p).rejects.toMatchObject({ name: 'ResourceLimitExceededException' });
  });
});

describe('ImportWorkspaceImage', () => {
  it('refuses an account that is not enabled for BYOL in the Region, then imports once it is', async () => {
    const client = t.client();
    const input = {
      Ec2ImageId: 'ami-0123456789abcdef0',
      IngestionProcess: 'BYOL_REGULAR' as const,
      ImageName: 'too-early',
      ImageDescription: 'Imported BYOL image',
    };
    await expect(client.send(new ImportWorkspaceImageCommand(input))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `Account ${ACCOUNT_A} is not enabled for BYOL in ${REGION}. Enable BYOL with ModifyAccount before importing BYOL images.`,
    });
    expect(await walkImages(client, {})).toEqual([]);
    await enableByol(client);
    expect((await client.send(new ImportWorkspaceImageCommand(input))).ImageId).toMatch(/^wsi-/);
    // BYOL is enabled Region by Region.
    await expect(t.client(ACCOUNT_A, OTHER_REGION).send(new ImportWorkspaceImageCommand(input))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
    });
  });

  it('checks the Applications before the BYOL status of the account', async () => {
    const p = t.client().send(
      new ImportWorkspaceImageCommand({
        Ec2ImageId: 'ami-0123456789abcdef0',
        IngestionProcess: 'BYOL_REGULAR',
        ImageName: 'two-apps',
        ImageDescription: 'Imported BYOL image',
        Applications: ['Microsoft_Office_2016', 'Microsoft_Office_2019'],
      }),
    );
    await expect(p).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('imports a Windows 10 BYOL image that becomes AVAILABLE with Office 2019 installed', async () => {
    const client = t.client();
    const imageId = await importImage(client, 'byol-win10', {
      Applications: ['Microsoft_Office_2019'],
      Tags: [{ Key: 'byol', Value: 'true' }],
    });
    expect(await describeImage(client, imageId)).toMatchObject({ State: 'PENDING', RequiredTenancy: 'DEDICATED' });
    expect(applicationsOf(scopeA, 'IMAGE', imageId)).toEqual([{ applicationId: OFFICE_2019, state: 'COMPLETED' }]);
    expect((await client.send(new DescribeTagsCommand({ ResourceId: imageId }))).TagList).toEqual([
      { Key: 'byol', Value: 'true' },
    ]);

    t.emulator.clock.advance(seconds(durations.imageImport) - 1);
    expect((await describeImage(client, imageId))?.State).toBe('PENDING');
    t.emulator.clock.advance(1);
    expect((await describeImage(client, imageId))?.State).toBe('AVAILABLE');
    const stored = t.emulator.app.store.collection<ImageRecord>('image').get(scopeA, imageId);
    expect(stored?.OperatingSystemName).toBe('WINDOWS_10');
  });

  it('treats an image named for Windows 11 as WINDOWS_11', async () => {
    const imageId = await importImage(t.client(), 'byol-windows11');
    const stored = t.emulator.app.store.collection<ImageRecord>('image').get(scopeA, imageId);
    expect(stored?.OperatingSystemName).toBe('WINDOWS_11');
  });

  it('maps Office 2016 to its application', async () => {
    const imageId = await importImage(t.client(), 'office-2016', { Applications: ['Microsoft_Office_2016'] });
    expect(applicationsOf(scopeA, 'IMAGE', imageId)).toEqual([{ applicationId: OFFICE_2016, state: 'COMPLETED' }]);
  });

  it('accepts only one application', async () => {
    const p = importImage(t.client(), 'two-apps', { Applications: ['Microsoft_Office_2016', 'Microsoft_Office_2019'] });
    await expect(p).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Only one application can be specified for Applications.',
    });
  });

  it('allows only Office 2019 on non-GPU DCV Windows 11 imports and no Office on GPU ones', async () => {
    const client = t.client();
    const office2016 = importImage(client, 'win11-dcv', {
      IngestionProcess: 'BYOL_REGULAR_WSP',
      Applications: ['Microsoft_Office_2016'],
    });
    await expect(office2016).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    const gpu = importImage(client, 'win11-gpu', {
      IngestionProcess: 'BYOL_GRAPHICS_G4DN_WSP',
      Applications: ['Microsoft_Office_2019'],
    });
    await expect(gpu).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    const ok = await importImage(client, 'win11-dcv', {
      IngestionProcess: 'BYOL_REGULAR_WSP',
      Applications: ['Microsoft_Office_2019'],
    });
    expect(ok).toMatch(/^wsi-/);
  });

  it('rejects a name already in use', async () => {
    const client = t.client();
    await importImage(client, 'dup');
    await expect(importImage(client, 'dup')).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  it('rejects tags with the reserved aws: prefix and stores nothing', async () => {
    const client = t.client();
    const p = importImage(client, 'reserved', { Tags: [{ Key: 'aws:owner', Value: 'x' }] });
    await expect(p).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    expect(await walkImages(client, {})).toEqual([]);
  });
});

describe('CreateUpdatedWorkspaceImage', () => {
  it('refuses an image with no updates available', async () => {
    const client = t.client();
    const imageId = await imageFromWorkspace(client, 'fresh');
    const p = client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'updated', Description: 'x', SourceImageId: imageId }),
    );
    await expect(p).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The image ${imageId} has no updates available.`,
    });
  });

  it('creates an updated image from an outdated one and keeps the source', async () => {
    const client = t.client();
    const workspaceId = await launchWorkspace({ BundleId: OFFICE_2016_BUNDLE });
    const { ImageId: sourceId = '' } = await client.send(
      new CreateWorkspaceImageCommand({ Name: 'old', Description: 'Old image', WorkspaceId: workspaceId }),
    );
    t.emulator.clock.advance(30 * DAY_SECONDS);

    const { ImageId: updatedId = '' } = await client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'new', Description: 'Updated image', SourceImageId: sourceId }),
    );
    expect(await describeImage(client, updatedId)).toMatchObject({
      Name: 'new',
      Description: 'Updated image',
      State: 'PENDING',
      OperatingSystem: { Type: 'WINDOWS' },
    });
    expect(applicationsOf(scopeA, 'IMAGE', updatedId)).toEqual([{ applicationId: OFFICE_2016, state: 'COMPLETED' }]);
    t.emulator.clock.advance(seconds(durations.imageCreate));
    expect(await describeImage(client, updatedId)).toMatchObject({
      State: 'AVAILABLE',
      Updates: { UpdateAvailable: false },
    });
    expect((await describeImage(client, sourceId))?.Updates?.UpdateAvailable).toBe(true);
  });

  it('only updates Windows 10 and Windows Server 2016/2019 images', async () => {
    const client = t.client();
    const imageId = await imageFromWorkspace(client, 'server-2022', {
      BundleId: 'wsb-1bpbv1wvn',
      WorkspaceProperties: {},
    });
    t.emulator.clock.advance(30 * DAY_SECONDS);
    const p = client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'updated', Description: 'x', SourceImageId: imageId }),
    );
    await expect(p).rejects.toMatchObject({ name: 'OperationNotSupportedException' });
  });

  it('refuses a PENDING source', async () => {
    const client = t.client();
    const imageId = await importImage(client, 'pending');
    const p = client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'updated', Description: 'x', SourceImageId: imageId }),
    );
    await expect(p).rejects.toMatchObject({ name: 'InvalidResourceStateException' });
  });

  it('does not find an unknown image and leaves shared images to their owner', async () => {
    const a = t.client();
    const imageId = await availableImage(a, 'shared');
    await share(a, imageId, ACCOUNT_B);
    t.emulator.clock.advance(30 * DAY_SECONDS);
    const b = t.client(ACCOUNT_B);
    const shared = b.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'mine', Description: 'x', SourceImageId: imageId }),
    );
    await expect(shared).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const unknown = b.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'mine', Description: 'x', SourceImageId: 'wsi-unknown00' }),
    );
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('rejects a name already in use', async () => {
    const client = t.client();
    const imageId = await imageFromWorkspace(client, 'outdated');
    t.emulator.clock.advance(30 * DAY_SECONDS);
    const p = client.send(
      new CreateUpdatedWorkspaceImageCommand({ Name: 'outdated', Description: 'x', SourceImageId: imageId }),
    );
    await expect(p).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });
});

describe('image sharing', () => {
  it('shows a shared image to the grantee only, and only in the owner Region', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'shared');
    await share(owner, imageId, ACCOUNT_B);

    const visibility = async (client: WorkSpacesClient) => {
      const all = await walkImages(client, {});
      return {
        owned: (await walkImages(client, { ImageType: 'OWNED' })).includes(imageId),
        shared: (await walkImages(client, { ImageType: 'SHARED' })).includes(imageId),
        listed: all.includes(imageId),
        byId: (await describeImage(client, imageId)) !== undefined,
      };
    };
    expect(await visibility(owner)).toEqual({ owned: true, shared: false, listed: true, byId: true });
    expect(await visibility(t.client(ACCOUNT_B))).toEqual({ owned: false, shared: true, listed: true, byId: true });
    expect(await visibility(t.client(ACCOUNT_C))).toEqual({ owned: false, shared: false, listed: false, byId: false });
    expect(await visibility(t.client(ACCOUNT_B, OTHER_REGION))).toEqual({
      owned: false,
      shared: false,
      listed: false,
      byId: false,
    });
  });

  it('hides the image again once it is unshared', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'unshared');
    await share(owner, imageId, ACCOUNT_B);
    await share(owner, imageId, ACCOUNT_B, false);
    expect(await walkImages(t.client(ACCOUNT_B), {})).toEqual([]);
  });

  it('lets the grantee describe and copy but not build bundles, delete, re-share or read permissions', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'grant');
    await share(owner, imageId, ACCOUNT_B);
    const grantee = t.client(ACCOUNT_B);

    expect((await describeImage(grantee, imageId))?.OwnerAccountId).toBe(ACCOUNT_A);
    const bundle = grantee.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'from-shared',
        BundleDescription: 'From a shared image',
        ImageId: imageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    await expect(bundle).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: expect.stringContaining('Copy the image with CopyWorkspaceImage, and use your copy.'),
    });

    const refused = [
      grantee.send(new DeleteWorkspaceImageCommand({ ImageId: imageId })),
      grantee.send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: imageId,
          AllowCopyImage: true,
          SharedAccountId: ACCOUNT_C,
        }),
      ),
      grantee.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId })),
    ];
    for (const p of refused) {
      await expect(p).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(`owned by account ${ACCOUNT_A}`),
      });
    }
    expect((await describeImage(owner, imageId))?.State).toBe('AVAILABLE');
  });

  it('shares a BYOL image only with an account enabled for BYOL, and any other image with anyone', async () => {
    const owner = t.client();
    const byolImage = await availableImage(owner, 'byol');
    expect((await describeImage(owner, byolImage))?.RequiredTenancy).toBe('DEDICATED');
    const grant = (ImageId: string, SharedAccountId: string) =>
      owner.send(new UpdateWorkspaceImagePermissionCommand({ ImageId, AllowCopyImage: true, SharedAccountId }));
    await expect(grant(byolImage, ACCOUNT_C)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The image ${byolImage} is a BYOL image and can be shared only with accounts enabled for BYOL. Account ${ACCOUNT_C} is not enabled for BYOL in ${REGION}.`,
    });
    // Enabled in another Region does not count.
    await enableByol(t.client(ACCOUNT_C, OTHER_REGION));
    await expect(grant(byolImage, ACCOUNT_C)).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    await enableByol(t.client(ACCOUNT_C));
    await grant(byolImage, ACCOUNT_C);
    expect((await describeImage(t.client(ACCOUNT_C), byolImage))?.ImageId).toBe(byolImage);

    const defaultImage = await imageFromWorkspace(owner, 'default-tenancy');
    expect((await describeImage(owner, defaultImage))?.RequiredTenancy).toBe('DEFAULT');
    await grant(defaultImage, ACCOUNT_B);
    expect((await describeImage(t.client(ACCOUNT_B), defaultImage))?.ImageId).toBe(defaultImage);
  });

  it('lists the accounts an image is shared with, page by page', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'many');
    const accounts = ['444444444444', ACCOUNT_C, ACCOUNT_B, '555555555555', '666666666666'];
    for (const account of accounts) await share(owner, imageId, account);
    await share(owner, imageId, ACCOUNT_B);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await owner.send(
        new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId, MaxResults: 2, NextToken: token }),
      );
      expect(out.ImageId).toBe(imageId);
      seen.push(...(out.ImagePermissions ?? []).map((p) => p.SharedAccountId ?? ''));
      token = out.NextToken;
    } while (token !== undefined);
    expect(seen).toEqual([...accounts].sort());

    const bad = owner.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId, NextToken: 'bogus' }));
    await expect(bad).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('answers an empty permission list for an image shared with nobody', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'alone');
    const out = await owner.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId }));
    expect(out).toMatchObject({ ImageId: imageId, ImagePermissions: [] });
    expect(out.NextToken).toBeUndefined();
  });

  it('does not find an unknown image or one of another account', async () => {
    const owner = t.client();
    const otherImage = await availableImage(t.client(ACCOUNT_B), 'other');
    for (const imageId of ['wsi-unknown00', otherImage]) {
      const update = owner.send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: imageId,
          AllowCopyImage: true,
          SharedAccountId: ACCOUNT_C,
        }),
      );
      await expect(update).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      const describePermissions = owner.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: imageId }));
      await expect(describePermissions).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
  });

  it('refuses to share with the owner itself or to share a PENDING image', async () => {
    const owner = t.client();
    const available = await availableImage(owner, 'available');
    await expect(share(owner, available, ACCOUNT_A)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'An image cannot be shared with the account that owns it.',
    });
    const pending = await importImage(owner, 'pending');
    await expect(share(owner, pending, ACCOUNT_B)).rejects.toMatchObject({ name: 'ResourceUnavailableException' });
  });

  it('refuses to revoke a permission that was never granted', async () => {
    const owner = t.client();
    const imageId = await availableImage(owner, 'never');
    await expect(share(owner, imageId, ACCOUNT_B, false)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
  });
});
