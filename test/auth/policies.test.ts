// IAM-style identity policies from the credentials file, decided per operation and resource ARN.
import {
  DeleteWorkspaceImageCommand,
  DescribeBundleAssociationsCommand,
  DescribeImageAssociationsCommand,
  DescribeWorkspacesCommand,
  ImportWorkspaceImageCommand,
  type ImportWorkspaceImageCommandInput,
  UpdateWorkspaceImagePermissionCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';
import { policy, signedClient, type TestPrincipal, writeCredentialsFile } from './signed.js';

const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';
const IMAGE_TYPES = ['APPLICATION'] as const;
const PUBLIC_BUNDLE = 'wsb-gm4d5tx2v';

let keys = 0;
const principal = (name: string, accountId: string, policies?: object[]): TestPrincipal => {
  keys += 1;
  return {
    name,
    accountId,
    accessKeyId: `AKIATEST${String(keys).padStart(8, '0')}`,
    secretAccessKey: `${name}-secret`,
    ...(policies === undefined ? {} : { policies }),
  };
};

const admin = principal('admin', ACCOUNT_A);
const reader = principal('reader', ACCOUNT_A, [
  policy({ Effect: 'Allow', Action: 'workspaces:Describe*', Resource: '*' }),
]);
const denied = principal('denied', ACCOUNT_A, [
  policy({ Effect: 'Allow', Action: 'workspaces:*', Resource: '*' }),
  policy({
    Effect: 'Deny',
    Action: 'workspaces:DescribeImageAssociations',
    Resource: 'arn:aws:workspaces:*:*:workspaceimage/*',
  }),
]);
const notDeleter = principal('not-deleter', ACCOUNT_A, [
  policy({ Effect: 'Allow', NotAction: ['workspaces:Delete*', 'workspaces:CreateTags'], Resource: '*' }),
]);
const nobody = principal('nobody', ACCOUNT_A, []);
const adminB = principal('admin-b', ACCOUNT_B);
/** May read associations only of images account A owns, even when they are shared with B. */
const partner = principal('partner', ACCOUNT_B, [
  policy({
    Effect: 'Allow',
    Action: 'workspaces:DescribeImageAssociations',
    Resource: `arn:aws:workspaces:us-east-1:${ACCOUNT_A}:workspaceimage/*`,
  }),
]);

const t = useEmulator({
  auth: 'sigv4',
  credentialsFile: writeCredentialsFile([admin, reader, denied, notDeleter, nobody, adminB, partner]),
});
const w = world(t);
const as = (who: TestPrincipal): WorkSpacesClient => signedClient(t.endpoint, who);

const imageArn = (imageId: string, region = 'us-east-1', account = ACCOUNT_A) =>
  `arn:aws:workspaces:${region}:${account}:workspaceimage/${imageId}`;
const implicitDeny = (who: TestPrincipal, action: string, resource: string) =>
  `User: arn:aws:iam::${who.accountId}:user/${who.name} is not authorized to perform: workspaces:${action} on resource: ${resource} because no identity-based policy allows the workspaces:${action} action`;
const explicitDeny = (who: TestPrincipal, action: string, resource: string) =>
  `User: arn:aws:iam::${who.accountId}:user/${who.name} is not authorized to perform: workspaces:${action} on resource: ${resource} with an explicit deny in an identity-based policy`;

const accessDenied = (message: string) => ({
  name: 'AccessDeniedException',
  message,
  $metadata: { httpStatusCode: 400 },
});

let imports = 0;
async function importImage(who: TestPrincipal, extra: Partial<ImportWorkspaceImageCommandInput> = {}) {
  imports += 1;
  const out = await as(who).send(
    new ImportWorkspaceImageCommand({
      Ec2ImageId: 'ami-0123456789abcdef0',
      IngestionProcess: 'BYOL_REGULAR',
      ImageName: `image-${imports}`,
      ImageDescription: 'policy test image',
      ...extra,
    }),
  );
  return out.ImageId ?? '';
}

const describeAssociations = (who: TestPrincipal, imageId: string) =>
  as(who).send(new DescribeImageAssociationsCommand({ ImageId: imageId, AssociatedResourceTypes: [...IMAGE_TYPES] }));

let imageA = '';
beforeAll(async () => {
  // BYOL images need BYOL enabled in each account; the admins may do that.
  await w.enableByol(as(admin));
  await w.enableByol(as(adminB));
  imageA = await importImage(admin);
  t.emulator.clock.advance(durations.imageImport / 1000);
  await as(admin).send(
    new UpdateWorkspaceImagePermissionCommand({ ImageId: imageA, AllowCopyImage: true, SharedAccountId: ACCOUNT_B }),
  );
});

describe('identity policies', () => {
  it('allow every action an Action wildcard matches', async () => {
    await expect(as(reader).send(new DescribeWorkspacesCommand({}))).resolves.toMatchObject({ Workspaces: [] });
    await expect(describeAssociations(reader, imageA)).resolves.toMatchObject({ Associations: [] });
  });

  it('deny, by default, every action no statement allows', async () => {
    await expect(importImage(reader)).rejects.toMatchObject(
      accessDenied(implicitDeny(reader, 'ImportWorkspaceImage', '*')),
    );
    await expect(as(nobody).send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject(
      accessDenied(implicitDeny(nobody, 'DescribeWorkspaces', '*')),
    );
  });

  it('let an explicit Deny win over an Allow, naming the resource ARN', async () => {
    await expect(describeAssociations(denied, imageA)).rejects.toMatchObject(
      accessDenied(explicitDeny(denied, 'DescribeImageAssociations', imageArn(imageA))),
    );
    await expect(as(denied).send(new DescribeWorkspacesCommand({}))).resolves.toMatchObject({ Workspaces: [] });
  });

  it('apply NotAction to every action it does not list', async () => {
    const imageId = await importImage(notDeleter);
    await expect(as(notDeleter).send(new DeleteWorkspaceImageCommand({ ImageId: imageId }))).rejects.toMatchObject(
      accessDenied(implicitDeny(notDeleter, 'DeleteWorkspaceImage', imageArn(imageId))),
    );
  });

  it('require workspaces:CreateTags as well when a create call carries tags', async () => {
    await expect(importImage(notDeleter, { Tags: [{ Key: 'team', Value: 'blue' }] })).rejects.toMatchObject(
      accessDenied(implicitDeny(notDeleter, 'CreateTags', '*')),
    );
  });

  it('match resource ARNs with wildcards, the image owner in the account field', async () => {
    await expect(describeAssociations(partner, imageA)).resolves.toMatchObject({ Associations: [] });
    const ownImage = await importImage(adminB);
    await expect(describeAssociations(partner, ownImage)).rejects.toMatchObject(
      accessDenied(implicitDeny(partner, 'DescribeImageAssociations', imageArn(ownImage, 'us-east-1', ACCOUNT_B))),
    );
  });

  it('name AMAZON-owned public bundles with an empty account', async () => {
    const call = as(partner).send(
      new DescribeBundleAssociationsCommand({ BundleId: PUBLIC_BUNDLE, AssociatedResourceTypes: ['APPLICATION'] }),
    );
    await expect(call).rejects.toMatchObject(
      accessDenied(
        implicitDeny(
          partner,
          'DescribeBundleAssociations',
          `arn:aws:workspaces:us-east-1::workspacebundle/${PUBLIC_BUNDLE}`,
        ),
      ),
    );
  });

  it('are decided before the input is validated', async () => {
    await expect(describeAssociations(nobody, 'not-an-image-id')).rejects.toMatchObject(
      accessDenied(implicitDeny(nobody, 'DescribeImageAssociations', imageArn('not-an-image-id'))),
    );
  });

  it('restrict nothing for a principal that lists none', async () => {
    await expect(describeAssociations(admin, imageA)).resolves.toMatchObject({ Associations: [] });
  });
});
