// Bundles through the SDK: the AMAZON catalog, custom bundles from own and shared images, updates and deletes.
import {
  CopyWorkspaceImageCommand,
  CreateWorkspaceBundleCommand,
  type CreateWorkspaceBundleCommandInput,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  CreateWorkspacesPoolCommand,
  DeleteWorkspaceBundleCommand,
  DeleteWorkspaceImageCommand,
  DescribeTagsCommand,
  DescribeWorkspaceBundlesCommand,
  type DescribeWorkspaceBundlesCommandInput,
  MigrateWorkspaceCommand,
  RegisterWorkspaceDirectoryCommand,
  TerminateWorkspacesCommand,
  TerminateWorkspacesPoolCommand,
  UpdateWorkspaceBundleCommand,
  UpdateWorkspaceImagePermissionCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { publicBundles } from '../../src/domain/public-bundles.js';
import type { AssociatedResourceType, Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';

const t = useEmulator();
const { availableImage, enableByol, importImage } = world(t);

const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';
const scopeA: Scope = { account: ACCOUNT_A, region: REGION };
const OFFICE_2016 = 'wsa-khw7gclz4';
const OFFICE_2019 = 'wsa-hvh179sq6';

const seconds = (ms: number) => ms / 1000;

const DIRECTORY = 'd-1234567890';
let directoryReady = false;
let users = 0;

beforeEach(() => {
  t.emulator.reset();
  directoryReady = false;
});

/** An AVAILABLE WorkSpace of ACCOUNT_A launched from `bundleId`. */
async function launchWorkspace(bundleId: string): Promise<string> {
  const client = t.client();
  if (!directoryReady) {
    await client.send(
      new RegisterWorkspaceDirectoryCommand({
        DirectoryId: DIRECTORY,
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      }),
    );
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    directoryReady = true;
  }
  users += 1;
  const out = await client.send(
    new CreateWorkspacesCommand({
      Workspaces: [{ DirectoryId: DIRECTORY, UserName: `user${users}`, BundleId: bundleId }],
    }),
  );
  const workspaceId = out.PendingRequests?.[0]?.WorkspaceId;
  if (!workspaceId) throw new Error(`no WorkSpace launched: ${JSON.stringify(out.FailedRequests)}`);
  t.emulator.clock.advance(seconds(durations.workspaceCreate));
  return workspaceId;
}

/** An AVAILABLE image of ACCOUNT_A with a 175 GB root and 100 GB user volume (Power with Windows 10 (Server 2022 based)). */
async function bigImage(name: string): Promise<string> {
  const workspaceId = await launchWorkspace('wsb-1bpbv1wvn');
  const out = await t
    .client()
    .send(new CreateWorkspaceImageCommand({ Name: name, Description: 'Big volumes', WorkspaceId: workspaceId }));
  t.emulator.clock.advance(seconds(durations.imageCreate));
  return out.ImageId ?? '';
}

function bundleInput(
  imageId: string,
  extra: Partial<CreateWorkspaceBundleCommandInput> = {},
): CreateWorkspaceBundleCommandInput {
  return {
    BundleName: 'custom',
    BundleDescription: 'A custom bundle',
    ImageId: imageId,
    ComputeType: { Name: 'STANDARD' },
    UserStorage: { Capacity: '50' },
    ...extra,
  };
}

async function createBundle(
  client: WorkSpacesClient,
  imageId: string,
  extra: Partial<CreateWorkspaceBundleCommandInput> = {},
) {
  const out = await client.send(new CreateWorkspaceBundleCommand(bundleInput(imageId, extra)));
  return out.WorkspaceBundle?.BundleId ?? '';
}

async function describeBundle(client: WorkSpacesClient, bundleId: string) {
  const out = await client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: [bundleId] }));
  return out.Bundles?.[0];
}

function applicationsOf(scope: Scope, type: AssociatedResourceType, id: string) {
  return t.emulator.app.store.associations.forResource(scope, type, id).map((a) => a.applicationId);
}

async function walkBundles(client: WorkSpacesClient, input: DescribeWorkspaceBundlesCommandInput): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const out = await client.send(new DescribeWorkspaceBundlesCommand({ ...input, NextToken: token }));
    ids.push(...(out.Bundles ?? []).map((b) => b.BundleId ?? ''));
    token = out.NextToken;
    if (token === undefined) return ids;
  }
  throw new Error('the listing never ended');
}

describe('DescribeWorkspaceBundles', () => {
  it('lists the AMAZON catalog for Owner AMAZON, in any case', async () => {
    const client = t.client();
    const catalog = publicBundles.map((b) => b.BundleId);
    for (const Owner of ['AMAZON', 'Amazon', 'amazon']) {
      expect(await walkBundles(client, { Owner })).toEqual(catalog);
    }
  });

  it('describes a public bundle as the CLI shows it', async () => {
    const bundle = await describeBundle(t.client(), 'wsb-bh8rsxt14');
    expect(bundle).toEqual({
      BundleId: 'wsb-bh8rsxt14',
      Name: 'Value with Windows 10 (English)',
      Owner: 'Amazon',
      Description: 'Windows 10 Experience provided by Windows Server 2019, 1 vCPU, 2GiB Memory, 10GB Storage',
      ImageId: 'wsi-bh8rsxt14',
      RootStorage: { Capacity: '80' },
      UserStorage: { Capacity: '10' },
      ComputeType: { Name: 'VALUE' },
      CreationTime: new Date(Date.UTC(2023, 9, 1)),
      LastUpdatedTime: new Date(Date.UTC(2023, 9, 1)),
      State: 'AVAILABLE',
      BundleType: 'REGULAR',
    });
  });

  it('has Windows and Linux bundles, a Power Windows Server 2022 bundle and Plus bundles with Office', () => {
    const os = new Set(publicBundles.map((b) => b.OperatingSystemName));
    for (const name of [
      'WINDOWS_SERVER_2016',
      'WINDOWS_SERVER_2019',
      'WINDOWS_SERVER_2022',
      'WINDOWS_10',
      'AMAZON_LINUX_2',
      'UBUNTU_22_04',
    ]) {
      expect(os).toContain(name);
    }
    expect(
      publicBundles.find((b) => b.Name === 'Power with Windows 10 (Server 2022 based) (WSP)')?.ComputeType?.Name,
    ).toBe('POWER');
    expect(
      publicBundles.some((b) => b.ComputeType?.Name === 'POWERPRO' && b.OperatingSystemName === 'WINDOWS_SERVER_2022'),
    ).toBe(true);
    expect(publicBundles.filter((b) => b.ApplicationIds?.includes(OFFICE_2016)).length).toBeGreaterThan(0);
    expect(publicBundles.filter((b) => b.ApplicationIds?.includes(OFFICE_2019)).length).toBeGreaterThan(0);
    expect(new Set(publicBundles.map((b) => b.BundleId)).size).toBe(publicBundles.length);
    for (const b of publicBundles) expect(b.BundleId).toMatch(/^wsb-[0-9a-z]{9}$/);
  });

  it('lists only the caller own bundles without a filter or with its own account id', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const bundleId = await createBundle(client, imageId);
    expect(await walkBundles(client, {})).toEqual([bundleId]);
    expect(await walkBundles(client, { Owner: ACCOUNT_A })).toEqual([bundleId]);
  });

  it('finds public and own bundles by id and omits unknown or foreign ones', async () => {
    const client = t.client();
    const own = await createBundle(client, await availableImage(client, 'image'));
    const b = t.client(ACCOUNT_B);
    const foreign = await createBundle(b, await availableImage(b, 'image'));
    const out = await client.send(
      new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-clj85qzj1', own, foreign, 'wsb-unknown00', own] }),
    );
    expect(out.Bundles?.map((x) => x.BundleId)).toEqual(['wsb-clj85qzj1', own]);
  });

  it('answers an empty list for another account id', async () => {
    const client = t.client();
    const b = t.client(ACCOUNT_B);
    await createBundle(b, await availableImage(b, 'image'));
    expect(await walkBundles(client, { Owner: ACCOUNT_B })).toEqual([]);
  });

  it('rejects BundleIds combined with Owner, and an Owner that is neither AMAZON nor an account', async () => {
    const client = t.client();
    const both = client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-clj85qzj1'], Owner: 'AMAZON' }));
    await expect(both).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'An invalid number of parameters provided with DescribeWorkspaceBundles. Only one of the following are allowed to be specified: BundleIds, Owner.',
    });
    const garbage = client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'somebody' }));
    await expect(garbage).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('walks 30 custom bundles in pages of 25 without duplicates or gaps', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const created: string[] = [];
    for (let i = 0; i < 30; i++) created.push(await createBundle(client, imageId, { BundleName: `bundle-${i}` }));
    const first = await client.send(new DescribeWorkspaceBundlesCommand({}));
    expect(first.Bundles).toHaveLength(25);
    expect(first.NextToken).toBeDefined();
    expect(await walkBundles(client, {})).toEqual(created);
  });

  it('rejects a bad NextToken and a token of another listing', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    for (let i = 0; i < 26; i++) await createBundle(client, imageId, { BundleName: `bundle-${i}` });
    const bad = client.send(new DescribeWorkspaceBundlesCommand({ NextToken: 'garbage' }));
    await expect(bad).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
    const { NextToken } = await client.send(new DescribeWorkspaceBundlesCommand({}));
    const crossed = client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON', NextToken }));
    await expect(crossed).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('keeps custom bundles to their account and Region', async () => {
    const client = t.client();
    const bundleId = await createBundle(client, await availableImage(client, 'image'));
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, OTHER_REGION)]) {
      expect(await walkBundles(other, {})).toEqual([]);
      expect(await describeBundle(other, bundleId)).toBeUndefined();
    }
  });
});

describe('CreateWorkspaceBundle', () => {
  it('creates a PENDING bundle that becomes AVAILABLE', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const now = t.emulator.clock.now();
    const out = await client.send(
      new CreateWorkspaceBundleCommand(
        bundleInput(imageId, {
          RootStorage: { Capacity: '175' },
          UserStorage: { Capacity: '100' },
          ComputeType: { Name: 'POWER' },
        }),
      ),
    );
    expect(out.WorkspaceBundle).toEqual({
      BundleId: expect.stringMatching(/^wsb-[0-9a-z]{9}$/),
      Name: 'custom',
      Owner: ACCOUNT_A,
      Description: 'A custom bundle',
      ImageId: imageId,
      RootStorage: { Capacity: '175' },
      UserStorage: { Capacity: '100' },
      ComputeType: { Name: 'POWER' },
      CreationTime: now,
      LastUpdatedTime: now,
      State: 'PENDING',
      BundleType: 'REGULAR',
    });
    const bundleId = out.WorkspaceBundle?.BundleId ?? '';
    t.emulator.clock.advance(seconds(durations.bundleCreate) - 0.5);
    expect((await describeBundle(client, bundleId))?.State).toBe('PENDING');
    t.emulator.clock.advance(0.5);
    expect((await describeBundle(client, bundleId))?.State).toBe('AVAILABLE');
  });

  it("defaults the root volume to the image's", async () => {
    const client = t.client();
    const out = await client.send(
      new CreateWorkspaceBundleCommand(
        bundleInput(await bigImage('big'), {
          UserStorage: { Capacity: '100' },
        }),
      ),
    );
    expect(out.WorkspaceBundle?.RootStorage).toEqual({ Capacity: '175' });
  });

  it('stores tags and copies the applications of the image', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'office', { Applications: ['Microsoft_Office_2019'] });
    const bundleId = await createBundle(client, imageId, { Tags: [{ Key: 'team', Value: 'a' }] });
    expect((await client.send(new DescribeTagsCommand({ ResourceId: bundleId }))).TagList).toEqual([
      { Key: 'team', Value: 'a' },
    ]);
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([OFFICE_2019]);
  });

  it('refuses an image shared with the caller until it is copied, and builds from the copy', async () => {
    const owner = t.client(ACCOUNT_B);
    const client = t.client();
    const imageId = await availableImage(owner, 'shared', { Applications: ['Microsoft_Office_2016'] });
    await enableByol(client); // the imported image is a BYOL image
    await owner.send(
      new UpdateWorkspaceImagePermissionCommand({ ImageId: imageId, AllowCopyImage: true, SharedAccountId: ACCOUNT_A }),
    );
    await expect(client.send(new CreateWorkspaceBundleCommand(bundleInput(imageId)))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The image ${imageId} is shared with your account by account ${ACCOUNT_B}; bundles can be created only from images you own. Copy the image with CopyWorkspaceImage, and use your copy.`,
    });
    const own = await availableImage(client, 'own');
    const ownBundle = await createBundle(client, own);
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: ownBundle, ImageId: imageId })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });

    const copy = await client.send(
      new CopyWorkspaceImageCommand({ Name: 'my-copy', SourceImageId: imageId, SourceRegion: REGION }),
    );
    t.emulator.clock.advance(seconds(durations.imageCopy));
    const bundleId = await createBundle(client, copy.ImageId ?? '', { BundleName: 'from-copy' });
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([OFFICE_2016]);
  });

  it('does not find an unknown image or an unshared image of another account', async () => {
    const client = t.client();
    const foreign = await availableImage(t.client(ACCOUNT_B), 'foreign');
    for (const imageId of ['wsi-unknown00', foreign]) {
      await expect(client.send(new CreateWorkspaceBundleCommand(bundleInput(imageId)))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `The image ${imageId} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      });
    }
  });

  it('refuses an image that is not AVAILABLE', async () => {
    const client = t.client();
    const imageId = await importImage(client, 'pending');
    await expect(client.send(new CreateWorkspaceBundleCommand(bundleInput(imageId)))).rejects.toMatchObject({
      name: 'ResourceUnavailableException',
      message: `The image ${imageId} is not available. Wait until its state is AVAILABLE and try again.`,
    });
  });

  it('refuses volumes smaller than the image or larger than 2000 GB, and capacities that are not numbers', async () => {
    const client = t.client();
    const imageId = await bigImage('big');
    const cases: Partial<CreateWorkspaceBundleCommandInput>[] = [
      { RootStorage: { Capacity: '80' }, UserStorage: { Capacity: '100' } },
      { RootStorage: { Capacity: '175' }, UserStorage: { Capacity: '50' } },
      { RootStorage: { Capacity: '2001' }, UserStorage: { Capacity: '100' } },
      { RootStorage: { Capacity: '175' }, UserStorage: { Capacity: 'lots' } },
    ];
    for (const extra of cases) {
      await expect(client.send(new CreateWorkspaceBundleCommand(bundleInput(imageId, extra)))).rejects.toMatchObject({
        name: 'InvalidParameterValuesException',
      });
    }
    await expect(
      client.send(
        new CreateWorkspaceBundleCommand(
          bundleInput(imageId, { RootStorage: { Capacity: '80' }, UserStorage: { Capacity: '100' } }),
        ),
      ),
    ).rejects.toMatchObject({
      message: "The root volume size must be between 175 GB (the size of the image's root volume) and 2000 GB.",
    });
  });

  it('rejects a name already in use in the account and Region', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    await createBundle(client, imageId, { BundleName: 'taken' });
    await expect(createBundle(client, imageId, { BundleName: 'taken' })).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    const b = t.client(ACCOUNT_B);
    await expect(createBundle(b, await availableImage(b, 'image'), { BundleName: 'taken' })).resolves.toMatch(/^wsb-/);
  });

  it('enforces the quota of 50 custom bundles', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    for (let i = 0; i < 50; i++) await createBundle(client, imageId, { BundleName: `b-${i}` });
    await expect(createBundle(client, imageId, { BundleName: 'b-50' })).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
    });
  });
});

/** A custom bundle of ACCOUNT_A that is AVAILABLE. */
async function availableBundle(client: WorkSpacesClient, imageId: string, name = 'custom') {
  const bundleId = await createBundle(client, imageId, { BundleName: name });
  t.emulator.clock.advance(seconds(durations.bundleCreate));
  return bundleId;
}

describe('UpdateWorkspaceBundle', () => {
  it('is PENDING with its previous image while the swap applies, then AVAILABLE with the new image and applications', async () => {
    const client = t.client();
    const oldImage = await availableImage(client, 'old', { Applications: ['Microsoft_Office_2016'] });
    const newImage = await availableImage(client, 'new', { Applications: ['Microsoft_Office_2019'] });
    const bundleId = await availableBundle(client, oldImage);
    const created = await describeBundle(client, bundleId);
    t.emulator.clock.advance(60);

    const out = await client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: newImage }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await describeBundle(client, bundleId)).toMatchObject({
      State: 'PENDING',
      ImageId: oldImage,
      LastUpdatedTime: created?.LastUpdatedTime,
    });
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([OFFICE_2016]);

    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const updated = await describeBundle(client, bundleId);
    expect(updated).toMatchObject({ State: 'AVAILABLE', ImageId: newImage, CreationTime: created?.CreationTime });
    expect(updated?.LastUpdatedTime).toEqual(t.emulator.clock.now());
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([OFFICE_2019]);
  });

  it('while the bundle is PENDING, refuses another update, launches from it and migrations to it', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const fresh = await createBundle(client, imageId, { BundleName: 'fresh' });
    const pending = (bundleId: string) => ({
      name: 'ResourceUnavailableException',
      message: `The bundle ${bundleId} is PENDING. Wait until it is AVAILABLE, and try again.`,
      ResourceId: bundleId,
    });
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: fresh, ImageId: imageId })),
    ).rejects.toMatchObject(pending(fresh));

    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const other = await availableImage(client, 'other');
    await launchWorkspace(fresh);
    const migrating = await launchWorkspace('wsb-gm4d5tx2v');
    await client.send(new UpdateWorkspaceBundleCommand({ BundleId: fresh, ImageId: other }));
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: fresh, ImageId: imageId })),
    ).rejects.toMatchObject(pending(fresh));
    await expect(launchWorkspace(fresh)).rejects.toThrow('InvalidResourceState.Bundle');
    await expect(
      client.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: migrating, BundleId: fresh })),
    ).rejects.toMatchObject({ name: 'ResourceUnavailableException' });

    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect((await describeBundle(client, fresh))?.ImageId).toBe(other);
    await launchWorkspace(fresh);
  });

  it('ends in ERROR with its previous image when the new image is deleted before the swap applies', async () => {
    const client = t.client();
    const oldImage = await availableImage(client, 'old', { Applications: ['Microsoft_Office_2016'] });
    const newImage = await availableImage(client, 'new', { Applications: ['Microsoft_Office_2019'] });
    const bundleId = await availableBundle(client, oldImage);
    await client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: newImage }));
    await client.send(new DeleteWorkspaceImageCommand({ ImageId: newImage }));
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect(await describeBundle(client, bundleId)).toMatchObject({ State: 'ERROR', ImageId: oldImage });
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([OFFICE_2016]);
  });

  it('refuses AMAZON bundles', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: 'wsb-clj85qzj1', ImageId: imageId })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'The bundle wsb-clj85qzj1 is owned by Amazon and cannot be updated.',
    });
  });

  it('does not find an unknown bundle or a bundle of another account', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const b = t.client(ACCOUNT_B);
    const foreign = await createBundle(b, await availableImage(b, 'image'));
    for (const bundleId of ['wsb-unknown00', foreign]) {
      await expect(
        client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: imageId })),
      ).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    }
  });

  it('requires both BundleId and ImageId', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const bundleId = await availableBundle(client, imageId);
    await expect(client.send(new UpdateWorkspaceBundleCommand({ ImageId: imageId }))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    await expect(client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId }))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
  });

  it('refuses an unknown, unavailable or too large image', async () => {
    const client = t.client();
    const bundleId = await availableBundle(client, await availableImage(client, 'image'));
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: 'wsi-unknown00' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const pending = await importImage(client, 'pending');
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: pending })),
    ).rejects.toMatchObject({
      name: 'ResourceUnavailableException',
    });
    const big = await bigImage('big');
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: big })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
  });
});

describe('DeleteWorkspaceBundle', () => {
  it('deletes a custom bundle with its tags and applications', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image', { Applications: ['Microsoft_Office_2019'] });
    const bundleId = await createBundle(client, imageId, { Tags: [{ Key: 'k', Value: 'v' }] });
    const out = await client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await describeBundle(client, bundleId)).toBeUndefined();
    expect(applicationsOf(scopeA, 'BUNDLE', bundleId)).toEqual([]);
    await expect(client.send(new DescribeTagsCommand({ ResourceId: bundleId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('deletes a bundle that is still PENDING, which then never becomes AVAILABLE', async () => {
    const client = t.client();
    const bundleId = await createBundle(client, await availableImage(client, 'image'));
    await client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect(await walkBundles(client, {})).toEqual([]);
  });

  it('refuses AMAZON bundles, unknown ids and a missing BundleId', async () => {
    const client = t.client();
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: 'wsb-clj85qzj1' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'The bundle wsb-clj85qzj1 is owned by Amazon and cannot be deleted.',
    });
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: 'wsb-unknown00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        'The bundle wsb-unknown00 cannot be found. Confirm that it exists in your AWS account and Region, and try again.',
    });
    await expect(client.send(new DeleteWorkspaceBundleCommand({}))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
  });

  it('refuses a bundle a WorkSpaces Pool uses, until the pool is gone', async () => {
    const client = t.client();
    const bundleId = await createBundle(client, await availableImage(client, 'image'));
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const directory = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceType: 'POOLS',
        WorkspaceDirectoryName: 'pools-dir',
        WorkspaceDirectoryDescription: 'Pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      }),
    );
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    const pool = await client.send(
      new CreateWorkspacesPoolCommand({
        PoolName: 'pool-1',
        Description: 'Call center desktops',
        BundleId: bundleId,
        DirectoryId: directory.DirectoryId ?? '',
        Capacity: { DesiredUserSessions: 2 },
      }),
    );
    const refusal = {
      name: 'ResourceAssociatedException',
      message: `The bundle ${bundleId} is used by one or more WorkSpaces Pools. Terminate the pools or update them to use another bundle, and try again.`,
    };
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }))).rejects.toMatchObject(refusal);
    t.emulator.clock.advance(seconds(durations.poolCreate));
    await client.send(new TerminateWorkspacesPoolCommand({ PoolId: pool.WorkspacesPool?.PoolId ?? '' }));
    // A DELETING pool still holds its bundle.
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }))).rejects.toMatchObject(refusal);
    t.emulator.clock.advance(seconds(durations.poolDelete));
    await client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
    expect(await describeBundle(client, bundleId)).toBeUndefined();
  });

  it('queues a bundle WorkSpaces use for deletion, refuses launches from it, and deletes it after the last one', async () => {
    const client = t.client();
    const imageId = await availableImage(client, 'image');
    const bundleId = await createBundle(client, imageId, { Tags: [{ Key: 'team', Value: 'dev' }] });
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const first = await launchWorkspace(bundleId);
    const second = await launchWorkspace(bundleId);

    // Accepted: "placed in a delete queue", still listed while WorkSpaces are based on it; a repeat is accepted too.
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }))).resolves.toBeDefined();
    await expect(client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }))).resolves.toBeDefined();
    expect((await describeBundle(client, bundleId))?.State).toBe('AVAILABLE');

    // Nothing new is built on it.
    const queued = `The bundle ${bundleId} is queued for deletion: it is deleted once the last WorkSpace based on it is terminated, and it can no longer be used.`;
    const launch = await client.send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY, UserName: 'late', BundleId: bundleId }] }),
    );
    expect(launch.PendingRequests).toEqual([]);
    expect(launch.FailedRequests).toEqual([
      expect.objectContaining({ ErrorCode: 'InvalidResourceState.Bundle', ErrorMessage: queued }),
    ]);
    await expect(
      client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: imageId })),
    ).rejects.toMatchObject({ name: 'ResourceUnavailableException', message: queued });
    const other = await launchWorkspace('wsb-gm4d5tx2v');
    await expect(
      client.send(new MigrateWorkspaceCommand({ SourceWorkspaceId: other, BundleId: bundleId })),
    ).rejects.toMatchObject({ name: 'ResourceUnavailableException', message: queued });
    const pools = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceType: 'POOLS',
        WorkspaceDirectoryName: 'pools-dir',
        WorkspaceDirectoryDescription: 'Pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      }),
    );
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    await expect(
      client.send(
        new CreateWorkspacesPoolCommand({
          PoolName: 'late-pool',
          Description: 'too late',
          BundleId: bundleId,
          DirectoryId: pools.DirectoryId ?? '',
          Capacity: { DesiredUserSessions: 1 },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException', message: queued });

    // Gone once the last WorkSpace based on it is terminated, tags and all.
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: first }] }));
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect((await describeBundle(client, bundleId))?.BundleId).toBe(bundleId);
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: second }] }));
    expect((await describeBundle(client, bundleId))?.BundleId).toBe(bundleId);
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect(await describeBundle(client, bundleId)).toBeUndefined();
    expect(t.emulator.app.store.tags.get(scopeA, bundleId)).toEqual([]);
  });

  it('deletes a bundle at once when only TERMINATED WorkSpaces were based on it', async () => {
    const client = t.client();
    const bundleId = await createBundle(client, await availableImage(client, 'image'));
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    const workspaceId = await launchWorkspace(bundleId);
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: workspaceId }] }));
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    await client.send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
    expect(await describeBundle(client, bundleId)).toBeUndefined();
  });
});
