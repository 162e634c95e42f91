// Connection aliases through the SDK: creation and deletion timelines, reserved connection strings, associations,
// sharing with another account, listing and paging, isolation.
import {
  AssociateConnectionAliasCommand,
  type ConnectionAlias,
  CreateConnectionAliasCommand,
  type CreateConnectionAliasCommandInput,
  CreateTagsCommand,
  DeleteConnectionAliasCommand,
  DescribeConnectionAliasesCommand,
  type DescribeConnectionAliasesCommandInput,
  DescribeConnectionAliasPermissionsCommand,
  DescribeTagsCommand,
  DisassociateConnectionAliasCommand,
  RegisterWorkspaceDirectoryCommand,
  UpdateConnectionAliasPermissionCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { SUBNETS, seconds, world } from '../helpers/world.js';

const t = useEmulator();
const { registerDirectory } = world(t);

beforeEach(() => t.emulator.reset());

const ACCOUNT_C = '333333333333';
const OTHER_REGION = 'eu-west-1';
const DIRECTORY_A = 'd-aaaaaaaaaa';
const DIRECTORY_B = 'd-bbbbbbbbbb';

const CREATE_SECONDS = seconds(durations.connectionAliasCreate);
const DELETE_SECONDS = seconds(durations.connectionAliasDelete);
const ASSOCIATE_SECONDS = seconds(durations.connectionAliasAssociate);
const DISASSOCIATE_SECONDS = seconds(durations.connectionAliasDisassociate);

const notFoundMessage = (aliasId: string) =>
  `The connection alias ${aliasId} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`;

async function createAlias(
  client: WorkSpacesClient,
  connectionString: string,
  extra: Partial<CreateConnectionAliasCommandInput> = {},
) {
  const out = await client.send(new CreateConnectionAliasCommand({ ConnectionString: connectionString, ...extra }));
  return out.AliasId ?? '';
}

/** Creates an alias and steps the clock until it is CREATED. */
async function createdAlias(client: WorkSpacesClient, connectionString: string) {
  const aliasId = await createAlias(client, connectionString);
  t.emulator.clock.advance(CREATE_SECONDS);
  return aliasId;
}

async function describeAlias(client: WorkSpacesClient, aliasId: string): Promise<ConnectionAlias | undefined> {
  const out = await client.send(new DescribeConnectionAliasesCommand({ AliasIds: [aliasId] }));
  return out.ConnectionAliases?.[0];
}

async function associate(client: WorkSpacesClient, aliasId: string, directoryId: string) {
  const out = await client.send(new AssociateConnectionAliasCommand({ AliasId: aliasId, ResourceId: directoryId }));
  return out.ConnectionIdentifier ?? '';
}

async function shareWith(owner: WorkSpacesClient, aliasId: string, account: string, allow = true) {
  await owner.send(
    new UpdateConnectionAliasPermissionCommand({
      AliasId: aliasId,
      ConnectionAliasPermission: { SharedAccountId: account, AllowAssociation: allow },
    }),
  );
}

async function walkAliases(client: WorkSpacesClient, input: DescribeConnectionAliasesCommandInput) {
  const pages: string[][] = [];
  let token: string | undefined;
  for (let n = 0; n < 50; n++) {
    const out = await client.send(new DescribeConnectionAliasesCommand({ ...input, NextToken: token }));
    pages.push((out.ConnectionAliases ?? []).map((a) => a.AliasId ?? ''));
    token = out.NextToken;
    if (token === undefined) return pages;
  }
  throw new Error('the listing never ended');
}

describe('CreateConnectionAlias', () => {
  it('creates an alias CREATING that is CREATED once connectionAliasCreate has passed', async () => {
    const client = t.client();
    const aliasId = await createAlias(client, 'desktop.example.com');
    expect(aliasId).toMatch(/^wsca-[0-9a-z]{9}$/);
    expect(await describeAlias(client, aliasId)).toEqual({
      ConnectionString: 'desktop.example.com',
      AliasId: aliasId,
      State: 'CREATING',
      OwnerAccountId: ACCOUNT_A,
    });
    t.emulator.clock.advance(CREATE_SECONDS);
    expect((await describeAlias(client, aliasId))?.State).toBe('CREATED');
  });

  it('stores the tags given at creation', async () => {
    const client = t.client();
    const aliasId = await createAlias(client, 'desktop.example.com', { Tags: [{ Key: 'env', Value: 'prod' }] });
    const out = await client.send(new DescribeTagsCommand({ ResourceId: aliasId }));
    expect(out.TagList).toEqual([{ Key: 'env', Value: 'prod' }]);
  });

  it('refuses a connection string the account already uses in the Region, in any letter case', async () => {
    const client = t.client();
    const aliasId = await createAlias(client, 'desktop.example.com');
    for (const same of ['desktop.example.com', 'Desktop.Example.COM']) {
      await expect(createAlias(client, same)).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
        message: `The connection alias ${aliasId} already uses the connection string ${same} in this Region.`,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('lets the owner use the same connection string in another Region, for cross-Region redirection', async () => {
    await createAlias(t.client(), 'desktop.example.com');
    await expect(createAlias(t.client(ACCOUNT_A, OTHER_REGION), 'desktop.example.com')).resolves.toMatch(/^wsca-/);
  });

  it('keeps the connection string reserved for its first account in every Region, even after deletion', async () => {
    const owner = t.client();
    const aliasId = await createdAlias(owner, 'desktop.example.com');
    const message =
      'The connection string desktop.example.com is reserved for another AWS account. Choose another connection string, and try again.';
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_B, OTHER_REGION)]) {
      await expect(createAlias(other, 'desktop.example.com')).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
        message,
      });
    }
    await owner.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
    t.emulator.clock.advance(DELETE_SECONDS);
    await expect(createAlias(t.client(ACCOUNT_B), 'desktop.example.com')).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message,
    });
    await expect(createAlias(owner, 'desktop.example.com')).resolves.toMatch(/^wsca-/);
  });

  it('refuses a connection string whose alias is still being deleted', async () => {
    const client = t.client();
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
    await expect(createAlias(client, 'desktop.example.com')).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} with the connection string desktop.example.com is being deleted. Wait until it is gone, and try again.`,
    });
  });

  it('refuses a connection string that is not a fully qualified domain name', async () => {
    for (const bad of ['localhost', 'desktop..example.com', '-desktop.example.com', 'desktop.example.com.', '.com']) {
      await expect(createAlias(t.client(), bad)).rejects.toMatchObject({
        name: 'InvalidParameterValuesException',
        message: `The connection string ${bad} is not a fully qualified domain name (FQDN), such as www.example.com.`,
      });
    }
  });

  it('refuses a connection string outside the model pattern before anything else', async () => {
    await expect(createAlias(t.client(), 'desk_top.example.com')).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('refuses a 21st alias in the account and Region', async () => {
    const client = t.client();
    for (let i = 0; i < 20; i++) await createAlias(client, `desktop-${i}.example.com`);
    await expect(createAlias(client, 'desktop-20.example.com')).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message:
        'You have already created the maximum of 20 connection aliases in this Region. Delete connection aliases that you are not using, and try again.',
    });
    await expect(createAlias(t.client(ACCOUNT_A, OTHER_REGION), 'desktop-20.example.com')).resolves.toMatch(/^wsca-/);
  });

  it('is not available in the Regions without cross-Region redirection', async () => {
    for (const region of ['us-gov-west-1', 'cn-northwest-1']) {
      const client = t.client(ACCOUNT_A, region);
      await expect(createAlias(client, 'desktop.example.com')).rejects.toMatchObject({
        name: 'OperationNotSupportedException',
        message: `Cross-Region redirection is not available in the ${region} Region.`,
      });
      await expect(client.send(new DescribeConnectionAliasesCommand({}))).rejects.toMatchObject({
        name: 'OperationNotSupportedException',
      });
    }
  });
});

describe('DescribeConnectionAliases', () => {
  it('walks the own aliases in creation order, Limit at a time', async () => {
    const client = t.client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createAlias(client, `desktop-${i}.example.com`));
    const pages = await walkAliases(client, { Limit: 2 });
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    expect(await walkAliases(client, {})).toEqual([ids]);
  });

  it('lists the aliases shared with the caller after its own, across pages', async () => {
    const mine = [await createAlias(t.client(ACCOUNT_B), 'b1.example.net')];
    mine.push(await createAlias(t.client(ACCOUNT_B), 'b2.example.net'));
    const shared = [await createdAlias(t.client(), 'a1.example.com'), await createdAlias(t.client(), 'a2.example.com')];
    for (const aliasId of shared) await shareWith(t.client(), aliasId, ACCOUNT_B);
    const client = t.client(ACCOUNT_B);
    expect(await walkAliases(client, { Limit: 3 })).toEqual([[...mine, shared[0]], [shared[1]]]);
    expect(await walkAliases(client, { Limit: 2 })).toEqual([mine, shared]);
    expect(await walkAliases(client, { Limit: 1 })).toEqual([[mine[0]], [mine[1]], [shared[0]], [shared[1]]]);
  });

  it('lists only the requested aliases, once each, leaving out unknown ids', async () => {
    const client = t.client();
    const a = await createAlias(client, 'a.example.com');
    const b = await createAlias(client, 'b.example.com');
    await createAlias(client, 'c.example.com');
    expect(await walkAliases(client, { AliasIds: [b, 'wsca-unknown00', a, b], Limit: 2 })).toEqual([[b], [a]]);
  });

  it('filters by the directory holding the association', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const a = await createdAlias(client, 'a.example.com');
    const b = await createdAlias(client, 'b.example.com');
    await associate(client, b, DIRECTORY_A);
    expect(await walkAliases(client, { ResourceId: DIRECTORY_A })).toEqual([[b]]);
    expect(await walkAliases(client, { ResourceId: DIRECTORY_A, AliasIds: [a, b] })).toEqual([[b]]);
    expect(await walkAliases(client, { ResourceId: 'd-0000000000' })).toEqual([[]]);
  });

  it('refuses a NextToken issued for the other kind of listing', async () => {
    const client = t.client();
    const a = await createAlias(client, 'a.example.com');
    await createAlias(client, 'b.example.com');
    const out = await client.send(new DescribeConnectionAliasesCommand({ Limit: 1 }));
    await expect(
      client.send(new DescribeConnectionAliasesCommand({ AliasIds: [a], NextToken: out.NextToken })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
  });

  it('shows no alias of another account or Region', async () => {
    const aliasId = await createAlias(t.client(), 'desktop.example.com');
    for (const client of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, OTHER_REGION)]) {
      expect(await walkAliases(client, {})).toEqual([[]]);
      expect(await walkAliases(client, { AliasIds: [aliasId] })).toEqual([[]]);
    }
  });
});

describe('DeleteConnectionAlias', () => {
  it('shows DELETING, then the alias and its tags are gone', async () => {
    const client = t.client();
    const aliasId = await createAlias(client, 'desktop.example.com', { Tags: [{ Key: 'env', Value: 'prod' }] });
    t.emulator.clock.advance(CREATE_SECONDS);
    const out = await client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await describeAlias(client, aliasId))?.State).toBe('DELETING');
    t.emulator.clock.advance(DELETE_SECONDS);
    expect(await describeAlias(client, aliasId)).toBeUndefined();
    await expect(client.send(new DescribeTagsCommand({ ResourceId: aliasId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage(aliasId),
      ResourceId: aliasId,
    });
  });

  it('refuses an alias that is not CREATED yet, or already DELETING', async () => {
    const client = t.client();
    const aliasId = await createAlias(client, 'desktop.example.com');
    await expect(client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} is CREATING. Wait until it is CREATED, and try again.`,
    });
    t.emulator.clock.advance(CREATE_SECONDS);
    await client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
    await expect(client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} is DELETING. Wait until it is CREATED, and try again.`,
    });
  });

  it('refuses an alias associated with a directory', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await associate(client, aliasId, DIRECTORY_A);
    await expect(client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
      message: `The connection alias ${aliasId} is associated with the directory ${DIRECTORY_A} of account ${ACCOUNT_A}. Disassociate it, and try again.`,
    });
  });

  it('refuses an alias still shared with another account', async () => {
    const client = t.client();
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await shareWith(client, aliasId, ACCOUNT_B);
    await expect(client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} is shared with account ${ACCOUNT_B}. Unshare it, and try again.`,
    });
    await shareWith(client, aliasId, ACCOUNT_B, false);
    await client.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
  });

  it('reports an alias of another Region as not found', async () => {
    const aliasId = await createdAlias(t.client(), 'desktop.example.com');
    await expect(
      t.client(ACCOUNT_A, OTHER_REGION).send(new DeleteConnectionAliasCommand({ AliasId: aliasId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: aliasId });
  });
});

describe('AssociateConnectionAlias', () => {
  it('associates the alias with a directory: PENDING_ASSOCIATION, then ASSOCIATED_WITH_OWNER_ACCOUNT', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const aliasId = await createdAlias(client, 'desktop.example.com');
    const connectionIdentifier = await associate(client, aliasId, DIRECTORY_A);
    expect(connectionIdentifier).toMatch(/^[a-zA-Z0-9]{1,20}$/);
    const association = {
      AssociatedAccountId: ACCOUNT_A,
      ResourceId: DIRECTORY_A,
      ConnectionIdentifier: connectionIdentifier,
    };
    expect((await describeAlias(client, aliasId))?.Associations).toEqual([
      { AssociationStatus: 'PENDING_ASSOCIATION', ...association },
    ]);
    t.emulator.clock.advance(ASSOCIATE_SECONDS);
    expect(await describeAlias(client, aliasId)).toEqual({
      ConnectionString: 'desktop.example.com',
      AliasId: aliasId,
      State: 'CREATED',
      OwnerAccountId: ACCOUNT_A,
      Associations: [{ AssociationStatus: 'ASSOCIATED_WITH_OWNER_ACCOUNT', ...association }],
    });
  });

  it('refuses an alias that is not CREATED yet', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const aliasId = await createAlias(client, 'desktop.example.com');
    await expect(associate(client, aliasId, DIRECTORY_A)).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} is CREATING. Wait until it is CREATED, and try again.`,
    });
  });

  it('refuses a second directory: one association per alias and Region', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    await registerDirectory(client, 'd-cccccccccc');
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await associate(client, aliasId, DIRECTORY_A);
    t.emulator.clock.advance(ASSOCIATE_SECONDS);
    await expect(associate(client, aliasId, 'd-cccccccccc')).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
      message: `The connection alias ${aliasId} is already associated with a directory in this Region (${DIRECTORY_A}). A connection alias can be associated with only one directory per Region.`,
    });
  });

  it('lets several aliases share one directory', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const a = await createdAlias(client, 'a.example.com');
    const b = await createdAlias(client, 'b.example.com');
    await associate(client, a, DIRECTORY_A);
    await associate(client, b, DIRECTORY_A);
    expect(await walkAliases(client, { ResourceId: DIRECTORY_A })).toEqual([[a, b]]);
  });

  it('reports an unknown directory as not found, and refuses one that is still registering', async () => {
    const client = t.client();
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await expect(associate(client, aliasId, DIRECTORY_A)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: DIRECTORY_A,
    });
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_A, SubnetIds: SUBNETS }));
    await expect(associate(client, aliasId, DIRECTORY_A)).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The directory ${DIRECTORY_A} is REGISTERING. A connection alias can be associated with a REGISTERED directory only.`,
    });
  });

  it('reports an unknown alias, and another account’s unshared alias, as not found', async () => {
    await registerDirectory(t.client(ACCOUNT_B), DIRECTORY_B);
    const aliasId = await createdAlias(t.client(), 'desktop.example.com');
    for (const id of ['wsca-unknown00', aliasId]) {
      await expect(associate(t.client(ACCOUNT_B), id, DIRECTORY_B)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: notFoundMessage(id),
        ResourceId: id,
      });
    }
  });
});

describe('DisassociateConnectionAlias', () => {
  it('shows PENDING_DISASSOCIATION, then the alias has no association and can be associated again', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await associate(client, aliasId, DIRECTORY_A);
    t.emulator.clock.advance(ASSOCIATE_SECONDS);
    await client.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }));
    expect((await describeAlias(client, aliasId))?.Associations?.[0]?.AssociationStatus).toBe('PENDING_DISASSOCIATION');
    t.emulator.clock.advance(DISASSOCIATE_SECONDS);
    expect((await describeAlias(client, aliasId))?.Associations).toBeUndefined();
    expect(await walkAliases(client, { ResourceId: DIRECTORY_A })).toEqual([[]]);
    await expect(associate(client, aliasId, DIRECTORY_A)).resolves.toMatch(/^[a-z0-9]+$/);
  });

  it('refuses an alias with no association, or one still being associated', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY_A);
    const aliasId = await createdAlias(client, 'desktop.example.com');
    await expect(client.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The connection alias ${aliasId} is not associated with a directory.`,
    });
    await associate(client, aliasId, DIRECTORY_A);
    await expect(client.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The association of the connection alias ${aliasId} is PENDING_ASSOCIATION. Wait until it completes, and try again.`,
    });
  });

  it('reports an unknown alias as not found', async () => {
    await expect(
      t.client().send(new DisassociateConnectionAliasCommand({ AliasId: 'wsca-unknown00' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsca-unknown00' });
  });
});

describe('Sharing a connection alias', () => {
  it('lets the shared account associate it with its own directory, and the owner see that association', async () => {
    const owner = t.client();
    const other = t.client(ACCOUNT_B);
    await registerDirectory(other, DIRECTORY_B);
    const aliasId = await createdAlias(owner, 'desktop.example.com');
    await shareWith(owner, aliasId, ACCOUNT_B);

    expect(await describeAlias(other, aliasId)).toEqual({
      ConnectionString: 'desktop.example.com',
      AliasId: aliasId,
      State: 'CREATED',
      OwnerAccountId: ACCOUNT_A,
    });
    const connectionIdentifier = await associate(other, aliasId, DIRECTORY_B);
    t.emulator.clock.advance(ASSOCIATE_SECONDS);
    const association = {
      AssociationStatus: 'ASSOCIATED_WITH_SHARED_ACCOUNT',
      AssociatedAccountId: ACCOUNT_B,
      ResourceId: DIRECTORY_B,
      ConnectionIdentifier: connectionIdentifier,
    };
    expect((await describeAlias(owner, aliasId))?.Associations).toEqual([association]);
    expect((await describeAlias(other, aliasId))?.Associations).toEqual([association]);
    expect(await walkAliases(other, { ResourceId: DIRECTORY_B })).toEqual([[aliasId]]);
    expect(await walkAliases(owner, { ResourceId: DIRECTORY_B })).toEqual([[]]);
  });

  it('keeps the owner from associating, disassociating, unsharing or deleting while the shared account holds it', async () => {
    const owner = t.client();
    const other = t.client(ACCOUNT_B);
    await registerDirectory(owner, DIRECTORY_A);
    await registerDirectory(other, DIRECTORY_B);
    const aliasId = await createdAlias(owner, 'desktop.example.com');
    await shareWith(owner, aliasId, ACCOUNT_B);
    await associate(other, aliasId, DIRECTORY_B);
    t.emulator.clock.advance(ASSOCIATE_SECONDS);

    await expect(associate(owner, aliasId, DIRECTORY_A)).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
    });
    await expect(owner.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `The connection alias ${aliasId} is associated with a directory of account ${ACCOUNT_B}; only that account can disassociate it.`,
    });
    await expect(shareWith(owner, aliasId, ACCOUNT_B, false)).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
      message: `Account ${ACCOUNT_B} has associated the connection alias ${aliasId} with its directory ${DIRECTORY_B}. That account must disassociate it first.`,
    });
    await expect(owner.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
    });

    await other.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }));
    t.emulator.clock.advance(DISASSOCIATE_SECONDS);
    expect(await walkAliases(other, { ResourceId: DIRECTORY_B })).toEqual([[]]);
    await shareWith(owner, aliasId, ACCOUNT_B, false);
    await owner.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }));
    t.emulator.clock.advance(DELETE_SECONDS);
    expect(await describeAlias(owner, aliasId)).toBeUndefined();
  });

  it('keeps the shared account from deleting, sharing, tagging or reading the permissions of the alias', async () => {
    const aliasId = await createdAlias(t.client(), 'desktop.example.com');
    await shareWith(t.client(), aliasId, ACCOUNT_B);
    const other = t.client(ACCOUNT_B);
    await expect(other.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `The connection alias ${aliasId} is owned by account ${ACCOUNT_A}; only its owner can delete it.`,
    });
    await expect(shareWith(other, aliasId, ACCOUNT_C)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `The connection alias ${aliasId} is owned by account ${ACCOUNT_A}; only its owner can share or unshare it.`,
    });
    await expect(other.send(new DescribeConnectionAliasPermissionsCommand({ AliasId: aliasId }))).rejects.toMatchObject(
      { name: 'AccessDeniedException' },
    );
    await expect(
      other.send(new CreateTagsCommand({ ResourceId: aliasId, Tags: [{ Key: 'k', Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('describes the permission granted, and none once it is taken back', async () => {
    const owner = t.client();
    const aliasId = await createdAlias(owner, 'desktop.example.com');
    const describe = () => owner.send(new DescribeConnectionAliasPermissionsCommand({ AliasId: aliasId }));
    expect((await describe()).ConnectionAliasPermissions).toEqual([]);
    await shareWith(owner, aliasId, ACCOUNT_B);
    await shareWith(owner, aliasId, ACCOUNT_B);
    const out = await describe();
    expect(out.AliasId).toBe(aliasId);
    expect(out.ConnectionAliasPermissions).toEqual([{ SharedAccountId: ACCOUNT_B, AllowAssociation: true }]);
    expect(out.NextToken).toBeUndefined();
    await shareWith(owner, aliasId, ACCOUNT_B, false);
    await shareWith(owner, aliasId, ACCOUNT_B, false);
    expect((await describe()).ConnectionAliasPermissions).toEqual([]);
    expect(await describeAlias(t.client(ACCOUNT_B), aliasId)).toBeUndefined();
  });

  it('shares with one other account at a time', async () => {
    const owner = t.client();
    const aliasId = await createdAlias(owner, 'desktop.example.com');
    await shareWith(owner, aliasId, ACCOUNT_B);
    await expect(shareWith(owner, aliasId, ACCOUNT_C)).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: `The connection alias ${aliasId} is already shared with account ${ACCOUNT_B}. A connection alias can be shared with only one other account; unshare it first.`,
    });
    await shareWith(owner, aliasId, ACCOUNT_B, false);
    await shareWith(owner, aliasId, ACCOUNT_C);
    expect(await describeAlias(t.client(ACCOUNT_C), aliasId)).toBeDefined();
  });

  it('refuses sharing with the owner itself, and sharing an alias that is not CREATED', async () => {
    const owner = t.client();
    const aliasId = await createAlias(owner, 'desktop.example.com');
    await expect(shareWith(owner, aliasId, ACCOUNT_B)).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
    });
    t.emulator.clock.advance(CREATE_SECONDS);
    await expect(shareWith(owner, aliasId, ACCOUNT_A)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The connection alias ${aliasId} is owned by account ${ACCOUNT_A}. Specify another account to share it with.`,
    });
  });

  it('shares within the Region only, and with no third account', async () => {
    const aliasId = await createdAlias(t.client(), 'desktop.example.com');
    await shareWith(t.client(), aliasId, ACCOUNT_B);
    expect(await describeAlias(t.client(ACCOUNT_B, OTHER_REGION), aliasId)).toBeUndefined();
    expect(await describeAlias(t.client(ACCOUNT_C), aliasId)).toBeUndefined();
    await registerDirectory(t.client(ACCOUNT_C), 'd-cccccccccc');
    await expect(associate(t.client(ACCOUNT_C), aliasId, 'd-cccccccccc')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('reports an unknown alias as not found', async () => {
    await expect(shareWith(t.client(), 'wsca-unknown00', ACCOUNT_B)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsca-unknown00',
    });
    await expect(
      t.client().send(new DescribeConnectionAliasPermissionsCommand({ AliasId: 'wsca-unknown00' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsca-unknown00' });
  });
});
