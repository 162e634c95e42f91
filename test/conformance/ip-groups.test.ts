// IP access control groups through the SDK: rules and their limits, listing, directories using groups, isolation.
import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  type CreateIpGroupCommandInput,
  DeleteIpGroupCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeIpGroupsCommand,
  type DescribeIpGroupsCommandInput,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DisassociateIpGroupsCommand,
  RegisterWorkspaceDirectoryCommand,
  RevokeIpRulesCommand,
  UpdateRulesOfIpGroupCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { SUBNETS, seconds, world } from '../helpers/world.js';

const t = useEmulator();
const { registerDirectory } = world(t);

beforeEach(() => t.emulator.reset());

const DIRECTORY = 'd-1234567890';
const OTHER_REGION = 'eu-west-1';

async function createGroup(client: WorkSpacesClient, name: string, extra: Partial<CreateIpGroupCommandInput> = {}) {
  const out = await client.send(new CreateIpGroupCommand({ GroupName: name, ...extra }));
  return out.GroupId ?? '';
}

async function describeGroup(client: WorkSpacesClient, groupId: string) {
  const out = await client.send(new DescribeIpGroupsCommand({ GroupIds: [groupId] }));
  return out.Result?.[0];
}

async function rulesOf(client: WorkSpacesClient, groupId: string) {
  return (await describeGroup(client, groupId))?.userRules?.map((r) => r.ipRule);
}

async function ipGroupIdsOf(client: WorkSpacesClient, directoryId: string) {
  const out = await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [directoryId] }));
  return out.Directories?.[0]?.ipGroupIds;
}

async function walkGroups(client: WorkSpacesClient, input: DescribeIpGroupsCommandInput) {
  const pages: string[][] = [];
  let token: string | undefined;
  for (let n = 0; n < 50; n++) {
    const out = await client.send(new DescribeIpGroupsCommand({ ...input, NextToken: token }));
    pages.push((out.Result ?? []).map((g) => g.groupId ?? ''));
    token = out.NextToken;
    if (token === undefined) return pages;
  }
  throw new Error('the listing never ended');
}

const rules = (...sources: string[]) => sources.map((ipRule) => ({ ipRule }));

describe('CreateIpGroup', () => {
  it('creates a group with its rules and description, and DescribeIpGroups shows it as given', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', {
      GroupDesc: 'Office networks',
      UserRules: [
        { ipRule: '203.0.113.0/24', ruleDesc: 'Head office' },
        { ipRule: '198.51.100.7', ruleDesc: 'VPN gateway' },
      ],
    });
    expect(groupId).toMatch(/^wsipg-[0-9a-z]{9}$/);
    expect(await describeGroup(client, groupId)).toEqual({
      groupId,
      groupName: 'office',
      groupDesc: 'Office networks',
      userRules: [
        { ipRule: '203.0.113.0/24', ruleDesc: 'Head office' },
        { ipRule: '198.51.100.7', ruleDesc: 'VPN gateway' },
      ],
    });
  });

  it('keeps empty descriptions, as Terraform sends them', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'tf', {
      GroupDesc: '',
      UserRules: [{ ipRule: '10.0.0.0/8', ruleDesc: '' }],
    });
    expect(await describeGroup(client, groupId)).toEqual({
      groupId,
      groupName: 'tf',
      groupDesc: '',
      userRules: [{ ipRule: '10.0.0.0/8', ruleDesc: '' }],
    });
  });

  it('creates a group with no rules', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'empty');
    expect(await describeGroup(client, groupId)).toEqual({ groupId, groupName: 'empty', userRules: [] });
  });

  it('stores the tags given at creation', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'tagged', { Tags: [{ Key: 'team', Value: 'network' }] });
    const out = await client.send(new DescribeTagsCommand({ ResourceId: groupId }));
    expect(out.TagList).toEqual([{ Key: 'team', Value: 'network' }]);
  });

  it('creates nothing when its tags are refused', async () => {
    const client = t.client();
    await expect(createGroup(client, 'reserved', { Tags: [{ Key: 'aws:owner', Value: 'me' }] })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    expect((await client.send(new DescribeIpGroupsCommand({}))).Result).toEqual([]);
  });

  it('refuses a name already used in the account and Region, but not elsewhere', async () => {
    await createGroup(t.client(), 'office');
    await expect(createGroup(t.client(), 'office')).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message:
        'An IP access control group named office already exists in this Region. Choose another name, and try again.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(createGroup(t.client(ACCOUNT_B), 'office')).resolves.toMatch(/^wsipg-/);
    await expect(createGroup(t.client(undefined, OTHER_REGION), 'office')).resolves.toMatch(/^wsipg-/);
  });

  it('refuses an empty name', async () => {
    await expect(createGroup(t.client(), '')).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The GroupName of an IP access control group cannot be empty.',
    });
  });

  it('refuses a rule that is not an IPv4 address or CIDR range', async () => {
    for (const bad of ['10.0.0.0/33', '256.1.1.1', '10.0.0/8', '2001:db8::/32', 'anywhere', '']) {
      await expect(createGroup(t.client(), 'bad', { UserRules: rules(bad) })).rejects.toMatchObject({
        name: 'InvalidParameterValuesException',
        message: `The IP rule ${bad} is not valid. Specify an IPv4 address or CIDR range, such as 203.0.113.0/24.`,
      });
    }
  });

  it('refuses a rule without an ipRule', async () => {
    await expect(createGroup(t.client(), 'bad', { UserRules: [{ ruleDesc: 'nothing' }] })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Each rule needs an ipRule: an IPv4 address or CIDR range, such as 203.0.113.0/24.',
    });
  });

  it('refuses the same source twice', async () => {
    await expect(
      createGroup(t.client(), 'twice', { UserRules: rules('10.0.0.0/8', '10.0.0.0/8') }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The IP rule 10.0.0.0/8 appears more than once.',
    });
  });

  it('accepts 10 rules and refuses 11', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `10.${i}.0.0/16`);
    await expect(createGroup(t.client(), 'ten', { UserRules: rules(...ten) })).resolves.toMatch(/^wsipg-/);
    await expect(createGroup(t.client(), 'eleven', { UserRules: rules(...ten, '192.0.2.0/24') })).rejects.toMatchObject(
      {
        name: 'ResourceLimitExceededException',
        message: 'An IP access control group can have at most 10 rules; the request would leave 11.',
      },
    );
  });

  it('refuses a 101st group in the account and Region', async () => {
    const client = t.client();
    for (let i = 0; i < 100; i++) await createGroup(client, `group-${i}`);
    await expect(createGroup(client, 'one-too-many')).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message:
        'You have already created the maximum of 100 IP access control groups in this Region. Delete groups that you are not using, and try again.',
    });
    await expect(createGroup(t.client(undefined, OTHER_REGION), 'one-too-many')).resolves.toMatch(/^wsipg-/);
  });
});

describe('DescribeIpGroups', () => {
  it('walks every group in creation order, MaxResults at a time', async () => {
    const client = t.client();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createGroup(client, `group-${i}`));
    const pages = await walkGroups(client, { MaxResults: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(ids);
    expect(await walkGroups(client, {})).toEqual([ids]);
  });

  it('lists only the requested groups, once each, leaving out unknown ids', async () => {
    const client = t.client();
    const a = await createGroup(client, 'a');
    const b = await createGroup(client, 'b');
    await createGroup(client, 'c');
    const pages = await walkGroups(client, { GroupIds: [b, 'wsipg-unknown00', a, b], MaxResults: 2 });
    expect(pages).toEqual([[b], [a]]);
  });

  it('treats an empty GroupIds list as no filter', async () => {
    const client = t.client();
    const a = await createGroup(client, 'a');
    expect(await walkGroups(client, { GroupIds: [] })).toEqual([[a]]);
  });

  it('refuses a NextToken issued for the other kind of listing', async () => {
    const client = t.client();
    const a = await createGroup(client, 'a');
    await createGroup(client, 'b');
    const out = await client.send(new DescribeIpGroupsCommand({ MaxResults: 1 }));
    await expect(
      client.send(new DescribeIpGroupsCommand({ GroupIds: [a], NextToken: out.NextToken })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
  });

  it('shows no group of another account or Region', async () => {
    const groupId = await createGroup(t.client(), 'mine');
    for (const client of [t.client(ACCOUNT_B), t.client(undefined, OTHER_REGION)]) {
      expect((await client.send(new DescribeIpGroupsCommand({}))).Result).toEqual([]);
      expect((await client.send(new DescribeIpGroupsCommand({ GroupIds: [groupId] }))).Result).toEqual([]);
    }
  });
});

describe('UpdateRulesOfIpGroup', () => {
  it('replaces every rule of the group', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8', '172.16.0.0/12') });
    await client.send(
      new UpdateRulesOfIpGroupCommand({
        GroupId: groupId,
        UserRules: [{ ipRule: '192.0.2.0/24', ruleDesc: 'new office' }],
      }),
    );
    expect((await describeGroup(client, groupId))?.userRules).toEqual([
      { ipRule: '192.0.2.0/24', ruleDesc: 'new office' },
    ]);
  });

  it('clears the rules with an empty list', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8') });
    await client.send(new UpdateRulesOfIpGroupCommand({ GroupId: groupId, UserRules: [] }));
    expect(await rulesOf(client, groupId)).toEqual([]);
  });

  it('refuses more than 10 rules and keeps the old ones', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8') });
    const eleven = Array.from({ length: 11 }, (_, i) => `10.${i}.0.0/16`);
    await expect(
      client.send(new UpdateRulesOfIpGroupCommand({ GroupId: groupId, UserRules: rules(...eleven) })),
    ).rejects.toMatchObject({ name: 'ResourceLimitExceededException' });
    expect(await rulesOf(client, groupId)).toEqual(['10.0.0.0/8']);
  });

  it('refuses an invalid rule', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office');
    await expect(
      client.send(new UpdateRulesOfIpGroupCommand({ GroupId: groupId, UserRules: rules('10.0.0.0/40') })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('reports an unknown group, and another account’s group, as not found', async () => {
    const groupId = await createGroup(t.client(), 'office');
    for (const [client, id] of [
      [t.client(), 'wsipg-unknown00'],
      [t.client(ACCOUNT_B), groupId],
    ] as const) {
      await expect(client.send(new UpdateRulesOfIpGroupCommand({ GroupId: id, UserRules: [] }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `The IP access control group ${id} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
        ResourceId: id,
      });
    }
  });
});

describe('AuthorizeIpRules', () => {
  it('adds rules after the existing ones', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8') });
    await client.send(
      new AuthorizeIpRulesCommand({ GroupId: groupId, UserRules: [{ ipRule: '192.0.2.1', ruleDesc: 'admin' }] }),
    );
    expect((await describeGroup(client, groupId))?.userRules).toEqual([
      { ipRule: '10.0.0.0/8' },
      { ipRule: '192.0.2.1', ruleDesc: 'admin' },
    ]);
  });

  it('refuses a source already in the group', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8') });
    await expect(
      client.send(new AuthorizeIpRulesCommand({ GroupId: groupId, UserRules: rules('10.0.0.0/8') })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The IP rule 10.0.0.0/8 is already in the group.',
    });
  });

  it('refuses rules that would take the group past 10', async () => {
    const client = t.client();
    const nine = Array.from({ length: 9 }, (_, i) => `10.${i}.0.0/16`);
    const groupId = await createGroup(client, 'office', { UserRules: rules(...nine) });
    await expect(
      client.send(
        new AuthorizeIpRulesCommand({ GroupId: groupId, UserRules: rules('192.0.2.0/24', '198.51.100.0/24') }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: 'An IP access control group can have at most 10 rules; the request would leave 11.',
    });
    await client.send(new AuthorizeIpRulesCommand({ GroupId: groupId, UserRules: rules('192.0.2.0/24') }));
    expect(await rulesOf(client, groupId)).toHaveLength(10);
  });

  it('reports an unknown group as not found', async () => {
    await expect(
      t.client().send(new AuthorizeIpRulesCommand({ GroupId: 'wsipg-unknown00', UserRules: rules('10.0.0.0/8') })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsipg-unknown00' });
  });
});

describe('RevokeIpRules', () => {
  it('removes the rules with those sources and keeps the others', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', {
      UserRules: rules('10.0.0.0/8', '172.16.0.0/12', '192.0.2.0/24'),
    });
    await client.send(new RevokeIpRulesCommand({ GroupId: groupId, UserRules: ['10.0.0.0/8', '192.0.2.0/24'] }));
    expect(await rulesOf(client, groupId)).toEqual(['172.16.0.0/12']);
  });

  it('ignores a source that is not in the group', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { UserRules: rules('10.0.0.0/8') });
    await client.send(new RevokeIpRulesCommand({ GroupId: groupId, UserRules: ['192.0.2.0/24'] }));
    expect(await rulesOf(client, groupId)).toEqual(['10.0.0.0/8']);
  });

  it('refuses a source that is not an IPv4 address or CIDR range', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office');
    await expect(
      client.send(new RevokeIpRulesCommand({ GroupId: groupId, UserRules: ['10.0.0.0/8/8'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('reports an unknown group as not found', async () => {
    await expect(
      t.client().send(new RevokeIpRulesCommand({ GroupId: 'wsipg-unknown00', UserRules: ['10.0.0.0/8'] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsipg-unknown00' });
  });
});

describe('AssociateIpGroups', () => {
  it('associates groups with a directory, which then lists them in IpGroupIds', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([]);
    const a = await createGroup(client, 'a');
    const b = await createGroup(client, 'b');
    const out = await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a, b, a] }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([a, b]);
  });

  it('leaves an already associated group where it is', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const a = await createGroup(client, 'a');
    const b = await createGroup(client, 'b');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] }));
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [b, a] }));
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([a, b]);
  });

  it('accepts 25 groups on a directory and refuses a 26th', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const ids: string[] = [];
    for (let i = 0; i < 26; i++) ids.push(await createGroup(client, `group-${i}`));
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: ids.slice(0, 25) }));
    await expect(
      client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: ids.slice(25) })),
    ).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: `A directory can have at most 25 IP access control groups; the directory ${DIRECTORY} would have 26.`,
    });
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual(ids.slice(0, 25));
  });

  it('reports an unknown directory as not found', async () => {
    const client = t.client();
    const a = await createGroup(client, 'a');
    await expect(
      client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The directory ${DIRECTORY} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      ResourceId: DIRECTORY,
    });
  });

  it('refuses a directory that is still registering', async () => {
    const client = t.client();
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: SUBNETS }));
    const a = await createGroup(client, 'a');
    await expect(
      client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] })),
    ).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `The directory ${DIRECTORY} is REGISTERING. IP access control groups can be associated with or disassociated from a REGISTERED directory only.`,
    });
    t.emulator.clock.advance(seconds(durations.directoryRegister));
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] }));
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([a]);
  });

  it('reports an unknown group, or another account’s, as not found and associates nothing', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const a = await createGroup(client, 'a');
    const theirs = await createGroup(t.client(ACCOUNT_B), 'theirs');
    await expect(
      client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a, theirs] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: theirs });
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([]);
  });

  it('refuses an empty GroupIds list', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    await expect(
      client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'GroupIds must name at least one IP access control group.',
    });
  });
});

describe('DisassociateIpGroups', () => {
  it('removes the groups from the directory and keeps the others', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const a = await createGroup(client, 'a');
    const b = await createGroup(client, 'b');
    const c = await createGroup(client, 'c');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a, b, c] }));
    await client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [c, a] }));
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([b]);
  });

  it('accepts a group that is not associated', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const a = await createGroup(client, 'a');
    await client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] }));
    expect(await ipGroupIdsOf(client, DIRECTORY)).toEqual([]);
  });

  it('reports an unknown group or directory as not found', async () => {
    const client = t.client();
    const a = await createGroup(client, 'a');
    await expect(
      client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: DIRECTORY });
    await registerDirectory(client, DIRECTORY);
    await expect(
      client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: ['wsipg-unknown00'] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsipg-unknown00' });
  });

  it('refuses a directory that is being deregistered', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const a = await createGroup(client, 'a');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] }));
    await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY }));
    await expect(
      client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [a] })),
    ).rejects.toMatchObject({ name: 'InvalidResourceStateException' });
  });

  it('refuses an empty GroupIds list', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    await expect(
      client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });
});

describe('DeleteIpGroup', () => {
  it('deletes the group and its tags', async () => {
    const client = t.client();
    const groupId = await createGroup(client, 'office', { Tags: [{ Key: 'team', Value: 'network' }] });
    const out = await client.send(new DeleteIpGroupCommand({ GroupId: groupId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await client.send(new DescribeIpGroupsCommand({}))).Result).toEqual([]);
    await expect(client.send(new DescribeTagsCommand({ ResourceId: groupId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(createGroup(client, 'office')).resolves.toMatch(/^wsipg-/);
  });

  it('refuses a group associated with a directory until it is disassociated', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const groupId = await createGroup(client, 'office');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [groupId] }));
    await expect(client.send(new DeleteIpGroupCommand({ GroupId: groupId }))).rejects.toMatchObject({
      name: 'ResourceAssociatedException',
      message: `The IP access control group ${groupId} is associated with the directory ${DIRECTORY}. Disassociate it from every directory, and try again.`,
    });
    await client.send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [groupId] }));
    await client.send(new DeleteIpGroupCommand({ GroupId: groupId }));
    expect(await describeGroup(client, groupId)).toBeUndefined();
  });

  it('deletes a group once its directory is deregistered', async () => {
    const client = t.client();
    await registerDirectory(client, DIRECTORY);
    const groupId = await createGroup(client, 'office');
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [groupId] }));
    await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY }));
    t.emulator.clock.advance(seconds(durations.directoryDeregister));
    await client.send(new DeleteIpGroupCommand({ GroupId: groupId }));
    expect(await describeGroup(client, groupId)).toBeUndefined();
  });

  it('reports an unknown group, and another Region’s group, as not found', async () => {
    const groupId = await createGroup(t.client(), 'office');
    for (const [client, id] of [
      [t.client(), 'wsipg-unknown00'],
      [t.client(undefined, OTHER_REGION), groupId],
    ] as const) {
      await expect(client.send(new DeleteIpGroupCommand({ GroupId: id }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        ResourceId: id,
      });
    }
    expect(await describeGroup(t.client(), groupId)).toBeDefined();
  });
});
