// Account settings through the SDK: BYOL enablement and its timeline, management CIDR ranges, and BYOL account
// links seen from both the source and the target account, isolated per account and Region.
import {
  AcceptAccountLinkInvitationCommand,
  type AccountLinkStatusEnum,
  CreateAccountLinkInvitationCommand,
  DeleteAccountLinkInvitationCommand,
  DescribeAccountCommand,
  DescribeAccountModificationsCommand,
  GetAccountLinkCommand,
  type GetAccountLinkCommandInput,
  ListAccountLinksCommand,
  type ListAccountLinksCommandInput,
  ListAvailableManagementCidrRangesCommand,
  type ListAvailableManagementCidrRangesCommandInput,
  ModifyAccountCommand,
  RejectAccountLinkInvitationCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { seconds } from '../helpers/world.js';

const t = useEmulator();

beforeEach(() => t.emulator.reset());

const ACCOUNT_C = '333333333333';
const OTHER_REGION = 'eu-west-1';
const ENABLE_SECONDS = seconds(durations.accountByolEnable);

const describeAccount = (client: WorkSpacesClient = t.client()) => client.send(new DescribeAccountCommand({}));

const modifications = async (client: WorkSpacesClient = t.client()) =>
  (await client.send(new DescribeAccountModificationsCommand({}))).AccountModifications;

const modifyAccount = (cidr: string, client: WorkSpacesClient = t.client()) =>
  client.send(
    new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: cidr }),
  );

/** Enables BYOL and steps the clock until the modification completes. */
async function enableByol(client: WorkSpacesClient = t.client(), cidr = '10.0.0.0/16') {
  await modifyAccount(cidr, client);
  t.emulator.clock.advance(ENABLE_SECONDS);
}

const listRanges = (input: ListAvailableManagementCidrRangesCommandInput, client: WorkSpacesClient = t.client()) =>
  client.send(new ListAvailableManagementCidrRangesCommand(input));

const invite = async (targetAccountId: string, client: WorkSpacesClient = t.client(), clientToken?: string) => {
  const out = await client.send(
    new CreateAccountLinkInvitationCommand({
      TargetAccountId: targetAccountId,
      ...(clientToken !== undefined && { ClientToken: clientToken }),
    }),
  );
  return out.AccountLink ?? {};
};

const accept = (linkId: string, client: WorkSpacesClient, clientToken?: string) =>
  client.send(
    new AcceptAccountLinkInvitationCommand({
      LinkId: linkId,
      ...(clientToken !== undefined && { ClientToken: clientToken }),
    }),
  );

const reject = (linkId: string, client: WorkSpacesClient, clientToken?: string) =>
  client.send(
    new RejectAccountLinkInvitationCommand({
      LinkId: linkId,
      ...(clientToken !== undefined && { ClientToken: clientToken }),
    }),
  );

const deleteInvitation = (linkId: string, client: WorkSpacesClient = t.client()) =>
  client.send(new DeleteAccountLinkInvitationCommand({ LinkId: linkId }));

const getLink = async (input: GetAccountLinkCommandInput, client: WorkSpacesClient = t.client()) =>
  (await client.send(new GetAccountLinkCommand(input))).AccountLink;

const listLinks = (input: ListAccountLinksCommandInput = {}, client: WorkSpacesClient = t.client()) =>
  client.send(new ListAccountLinksCommand(input));

/** Every page of ListAccountLinks, one list per page. */
async function walkLinks(input: ListAccountLinksCommandInput, client: WorkSpacesClient = t.client()) {
  const pages: (string | undefined)[][] = [];
  let nextToken: string | undefined;
  do {
    const out = await listLinks({ ...input, ...(nextToken !== undefined && { NextToken: nextToken }) }, client);
    pages.push((out.AccountLinks ?? []).map((link) => link.TargetAccountId));
    nextToken = out.NextToken;
  } while (nextToken !== undefined);
  return pages;
}

const link = (id: string | undefined, status: AccountLinkStatusEnum, source = ACCOUNT_A, target = ACCOUNT_B) => ({
  AccountLinkId: id,
  AccountLinkStatus: status,
  SourceAccountId: source,
  TargetAccountId: target,
});

const notFoundMessage = (what: string, id: string) =>
  `The ${what} ${id} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`;

describe('DescribeAccount', () => {
  it('reports BYOL disabled for an account that never enabled it', async () => {
    const out = await describeAccount();
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.DedicatedTenancySupport).toBe('DISABLED');
    expect(out.DedicatedTenancyManagementCidrRange).toBeUndefined();
    expect(out.DedicatedTenancyAccountType).toBeUndefined();
  });

  it('keeps BYOL to the account and Region that enabled it', async () => {
    await enableByol();
    expect((await describeAccount()).DedicatedTenancySupport).toBe('ENABLED');
    expect((await describeAccount(t.client(ACCOUNT_B))).DedicatedTenancySupport).toBe('DISABLED');
    expect((await describeAccount(t.client(ACCOUNT_A, OTHER_REGION))).DedicatedTenancySupport).toBe('DISABLED');
  });
});

describe('ModifyAccount', () => {
  it('enables BYOL after a PENDING modification completes', async () => {
    const startedAt = t.emulator.clock.now();
    const out = await modifyAccount('10.12.0.0/16');
    expect(out.$metadata.httpStatusCode).toBe(200);

    expect((await describeAccount()).DedicatedTenancySupport).toBe('DISABLED');
    expect(await modifications()).toEqual([
      {
        ModificationState: 'PENDING',
        DedicatedTenancySupport: 'ENABLED',
        DedicatedTenancyManagementCidrRange: '10.12.0.0/16',
        StartTime: startedAt,
      },
    ]);

    t.emulator.clock.advance(ENABLE_SECONDS - 1);
    expect((await modifications())?.[0]?.ModificationState).toBe('PENDING');

    t.emulator.clock.advance(1);
    const account = await describeAccount();
    expect(account.DedicatedTenancySupport).toBe('ENABLED');
    expect(account.DedicatedTenancyManagementCidrRange).toBe('10.12.0.0/16');
    expect((await modifications())?.[0]?.ModificationState).toBe('COMPLETED');
  });

  it('requires a management CIDR range to enable BYOL', async () => {
    await expect(
      t.client().send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'Specify DedicatedTenancySupport ENABLED together with a DedicatedTenancyManagementCidrRange from ListAvailableManagementCidrRanges.',
    });
  });

  it('requires DedicatedTenancySupport ENABLED with the range', async () => {
    await expect(
      t.client().send(new ModifyAccountCommand({ DedicatedTenancyManagementCidrRange: '10.0.0.0/16' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('rejects a range that is not a /16 through the model pattern', async () => {
    await expect(modifyAccount('10.0.0.0/24')).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects a /16 outside the ranges the management interface may use', async () => {
    await expect(modifyAccount('203.0.0.0/16')).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'The management CIDR range 203.0.0.0/16 is not available. Choose one that ListAvailableManagementCidrRanges returns.',
    });
    expect(await modifications()).toEqual([]);
  });

  it('refuses a second modification while one is pending', async () => {
    await modifyAccount('10.0.0.0/16');
    await expect(modifyAccount('10.1.0.0/16')).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: 'A modification of the BYOL configuration is in progress. Wait until it completes, and try again.',
    });
  });

  it('refuses to modify an account where BYOL is already enabled', async () => {
    await enableByol();
    await expect(modifyAccount('10.1.0.0/16')).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `BYOL is already enabled for account ${ACCOUNT_A} in us-east-1.`,
    });
  });

  it('refuses to modify a linked target account, which uses its source configuration', async () => {
    await enableByol();
    const { AccountLinkId } = await invite(ACCOUNT_B);
    await accept(AccountLinkId ?? '', t.client(ACCOUNT_B));
    await expect(modifyAccount('10.1.0.0/16', t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'InvalidResourceStateException',
      message: `This account is linked to the BYOL source account ${ACCOUNT_A} and uses its BYOL configuration.`,
    });
  });
});

describe('DescribeAccountModifications', () => {
  it('lists nothing for an account that never modified its BYOL settings', async () => {
    const out = await t.client().send(new DescribeAccountModificationsCommand({}));
    expect(out.AccountModifications).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it('keeps modifications to the account and Region that made them', async () => {
    await enableByol();
    expect(await modifications()).toHaveLength(1);
    expect(await modifications(t.client(ACCOUNT_B))).toEqual([]);
    expect(await modifications(t.client(ACCOUNT_A, OTHER_REGION))).toEqual([]);
  });

  it('rejects a NextToken it did not issue', async () => {
    await expect(
      t.client().send(new DescribeAccountModificationsCommand({ NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });
});

describe('ListAvailableManagementCidrRanges', () => {
  it('lists the first five /16 ranges of the constraint by default', async () => {
    const out = await listRanges({ ManagementCidrRangeConstraint: '10.0.0.0/8' });
    expect(out.ManagementCidrRanges).toEqual([
      '10.0.0.0/16',
      '10.1.0.0/16',
      '10.2.0.0/16',
      '10.3.0.0/16',
      '10.4.0.0/16',
    ]);
    expect(out.NextToken).toBeDefined();
  });

  it('walks every /16 of a constraint page by page', async () => {
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const out = await listRanges({
        ManagementCidrRangeConstraint: '172.16.0.0/12',
        MaxResults: 5,
        ...(nextToken !== undefined && { NextToken: nextToken }),
      });
      pages.push(out.ManagementCidrRanges ?? []);
      nextToken = out.NextToken;
    } while (nextToken !== undefined);
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 1]);
    expect(pages.flat()).toEqual(Array.from({ length: 16 }, (_, i) => `172.${16 + i}.0.0/16`));
  });

  it('offers only the part of a wide constraint that the management interface may use', async () => {
    expect((await listRanges({ ManagementCidrRangeConstraint: '192.0.0.0/8' })).ManagementCidrRanges).toEqual([
      '192.168.0.0/16',
    ]);
    expect((await listRanges({ ManagementCidrRangeConstraint: '198.0.0.0/8' })).ManagementCidrRanges).toEqual([
      '198.18.0.0/16',
      '198.19.0.0/16',
    ]);
    expect((await listRanges({ ManagementCidrRangeConstraint: '8.8.0.0/16' })).ManagementCidrRanges).toEqual([]);
  });

  it('accepts a constraint with host bits set as the range that holds it', async () => {
    const out = await listRanges({ ManagementCidrRangeConstraint: '10.20.30.40/16' });
    expect(out.ManagementCidrRanges).toEqual(['10.20.0.0/16']);
    expect(out.NextToken).toBeUndefined();
  });

  it('leaves out the range the account is taking or holds', async () => {
    await modifyAccount('10.0.0.0/16');
    const constraint = { ManagementCidrRangeConstraint: '10.0.0.0/14' };
    expect((await listRanges(constraint)).ManagementCidrRanges).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16']);
    t.emulator.clock.advance(ENABLE_SECONDS);
    expect((await listRanges(constraint)).ManagementCidrRanges).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16']);
    expect((await listRanges(constraint, t.client(ACCOUNT_B))).ManagementCidrRanges).toHaveLength(4);
  });

  it('rejects a constraint too narrow to hold a /16', async () => {
    await expect(listRanges({ ManagementCidrRangeConstraint: '10.0.0.0/20' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The ManagementCidrRangeConstraint 10.0.0.0/20 cannot hold a /16 range. Specify a /16 or larger range.',
    });
  });

  it('rejects a NextToken issued for another constraint', async () => {
    const first = await listRanges({ ManagementCidrRangeConstraint: '10.0.0.0/8' });
    await expect(
      listRanges({ ManagementCidrRangeConstraint: '172.16.0.0/12', NextToken: first.NextToken }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('rejects MaxResults above 5 through the model', async () => {
    await expect(listRanges({ ManagementCidrRangeConstraint: '10.0.0.0/8', MaxResults: 6 })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('CreateAccountLinkInvitation', () => {
  it('invites a target account, which sees the pending link too', async () => {
    await enableByol();
    const created = await invite(ACCOUNT_B);
    expect(created.AccountLinkId).toMatch(/^link-.{8,24}$/);
    expect(created).toEqual(link(created.AccountLinkId, 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT'));

    const id = created.AccountLinkId ?? '';
    expect(await getLink({ LinkId: id })).toEqual(created);
    expect(await getLink({ LinkId: id }, t.client(ACCOUNT_B))).toEqual(created);
    expect(await getLink({ LinkedAccountId: ACCOUNT_B })).toEqual(created);
    expect(await getLink({ LinkedAccountId: ACCOUNT_A }, t.client(ACCOUNT_B))).toEqual(created);
    expect((await describeAccount(t.client(ACCOUNT_B))).DedicatedTenancySupport).toBe('DISABLED');
  });

  it('answers a retry with the same ClientToken with the same link', async () => {
    await enableByol();
    const first = await invite(ACCOUNT_B, t.client(), 'token-1');
    const again = await invite(ACCOUNT_B, t.client(), 'token-1');
    expect(again).toEqual(first);
    expect((await listLinks()).AccountLinks).toHaveLength(1);
  });

  it('refuses a second invitation of an account already invited', async () => {
    await enableByol();
    await invite(ACCOUNT_B, t.client(), 'token-1');
    await expect(invite(ACCOUNT_B, t.client(), 'token-2')).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account ${ACCOUNT_B} is already linked or invited.`,
    });
  });

  it('refuses to invite an account that already invited the caller', async () => {
    await enableByol();
    await enableByol(t.client(ACCOUNT_B), '10.1.0.0/16');
    await invite(ACCOUNT_B);
    await expect(invite(ACCOUNT_A, t.client(ACCOUNT_B))).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('refuses to invite an account linked to another source', async () => {
    await enableByol();
    await enableByol(t.client(ACCOUNT_C), '10.1.0.0/16');
    const { AccountLinkId } = await invite(ACCOUNT_B);
    await accept(AccountLinkId ?? '', t.client(ACCOUNT_B));
    await expect(invite(ACCOUNT_B, t.client(ACCOUNT_C))).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account ${ACCOUNT_B} is already linked.`,
    });
  });

  it('refuses the caller own account as the target', async () => {
    await enableByol();
    await expect(invite(ACCOUNT_A)).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'The TargetAccountId must be another account than the SourceAccountId (the caller).',
    });
  });

  it('refuses a source account without BYOL enabled', async () => {
    await modifyAccount('10.0.0.0/16');
    await expect(invite(ACCOUNT_B)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `Account ${ACCOUNT_A} is not enabled for BYOL in us-east-1. Enable BYOL with ModifyAccount before inviting accounts to link.`,
    });
  });

  it('rejects a TargetAccountId that is not 12 digits through the model', async () => {
    await expect(invite('12345')).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('AcceptAccountLinkInvitation', () => {
  async function pendingLink() {
    await enableByol(t.client(), '10.7.0.0/16');
    return (await invite(ACCOUNT_B)).AccountLinkId ?? '';
  }

  it('links both accounts: the target takes the source BYOL configuration', async () => {
    const id = await pendingLink();
    const out = await accept(id, t.client(ACCOUNT_B));
    expect(out.AccountLink).toEqual(link(id, 'LINKED'));
    expect(await getLink({ LinkId: id })).toEqual(link(id, 'LINKED'));
    expect(await getLink({ LinkId: id }, t.client(ACCOUNT_B))).toEqual(link(id, 'LINKED'));

    const target = await describeAccount(t.client(ACCOUNT_B));
    expect(target.DedicatedTenancySupport).toBe('ENABLED');
    expect(target.DedicatedTenancyManagementCidrRange).toBe('10.7.0.0/16');
    expect(target.DedicatedTenancyAccountType).toBe('TARGET_ACCOUNT');
    const source = await describeAccount();
    expect(source.DedicatedTenancyAccountType).toBe('SOURCE_ACCOUNT');
    expect(source.DedicatedTenancyManagementCidrRange).toBe('10.7.0.0/16');
  });

  it('answers a retry with the same ClientToken and refuses an accept without it', async () => {
    const id = await pendingLink();
    await accept(id, t.client(ACCOUNT_B), 'accept-1');
    expect((await accept(id, t.client(ACCOUNT_B), 'accept-1')).AccountLink).toEqual(link(id, 'LINKED'));
    await expect(accept(id, t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account link ${id} is LINKED; only an invitation pending acceptance can be accepted.`,
    });
  });

  it('refuses an accept from the source account', async () => {
    const id = await pendingLink();
    await expect(accept(id, t.client())).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `Only the target account ${ACCOUNT_B} can accept the account link ${id}.`,
    });
  });

  it('refuses a rejected invitation', async () => {
    const id = await pendingLink();
    await reject(id, t.client(ACCOUNT_B));
    await expect(accept(id, t.client(ACCOUNT_B))).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('refuses a second link once the target is linked to another source', async () => {
    const first = await pendingLink();
    await enableByol(t.client(ACCOUNT_C), '10.8.0.0/16');
    const second = (await invite(ACCOUNT_B, t.client(ACCOUNT_C))).AccountLinkId ?? '';
    await accept(first, t.client(ACCOUNT_B));
    await expect(accept(second, t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account ${ACCOUNT_B} is already linked.`,
    });
  });

  it('reports a link that does not exist, or that another account holds', async () => {
    const id = await pendingLink();
    await expect(accept('link-unknown01', t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('account link', 'link-unknown01'),
    });
    await expect(accept(id, t.client(ACCOUNT_C))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('rejects a LinkId that breaks the model pattern', async () => {
    await expect(accept('lnk-1', t.client(ACCOUNT_B))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('RejectAccountLinkInvitation', () => {
  it('rejects the invitation for both sides, and the source may invite again', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    const out = await reject(id, t.client(ACCOUNT_B), 'reject-1');
    expect(out.AccountLink).toEqual(link(id, 'REJECTED'));
    expect(await getLink({ LinkId: id })).toEqual(link(id, 'REJECTED'));
    expect((await reject(id, t.client(ACCOUNT_B), 'reject-1')).AccountLink).toEqual(link(id, 'REJECTED'));
    expect((await describeAccount(t.client(ACCOUNT_B))).DedicatedTenancySupport).toBe('DISABLED');

    const again = await invite(ACCOUNT_B);
    expect(again.AccountLinkId).not.toBe(id);
    expect(await getLink({ LinkedAccountId: ACCOUNT_B })).toEqual(again);
  });

  it('refuses a reject from the source, of a linked invitation, and of an unknown link', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    await expect(reject(id, t.client())).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `Only the target account ${ACCOUNT_B} can reject the account link ${id}.`,
    });
    await accept(id, t.client(ACCOUNT_B));
    await expect(reject(id, t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account link ${id} is LINKED; only an invitation pending acceptance can be rejected.`,
    });
    await expect(reject('link-unknown01', t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('DeleteAccountLinkInvitation', () => {
  it('deletes a pending invitation for both sides', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    const out = await deleteInvitation(id);
    expect(out.AccountLink).toEqual(link(id, 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT'));
    for (const client of [t.client(), t.client(ACCOUNT_B)]) {
      await expect(getLink({ LinkId: id }, client)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      expect((await listLinks({}, client)).AccountLinks).toEqual([]);
    }
    await expect(getLink({ LinkedAccountId: ACCOUNT_B })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('account link with account', ACCOUNT_B),
    });
    await expect(deleteInvitation(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deletes a rejected invitation', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    await reject(id, t.client(ACCOUNT_B));
    expect((await deleteInvitation(id)).AccountLink).toEqual(link(id, 'REJECTED'));
  });

  it('refuses to delete a linked invitation: there is no unlinking', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    await accept(id, t.client(ACCOUNT_B));
    await expect(deleteInvitation(id)).rejects.toMatchObject({
      name: 'ConflictException',
      message: `The account link ${id} is LINKED and cannot be deleted: there is no unlinking after an invitation is accepted.`,
    });
  });

  it('refuses a delete from the target account', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    await expect(deleteInvitation(id, t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `Only the source account ${ACCOUNT_A} can delete the account link invitation ${id}.`,
    });
  });
});

describe('GetAccountLink', () => {
  it('needs a LinkId or a LinkedAccountId', async () => {
    await expect(getLink({})).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Specify a LinkId or a LinkedAccountId.',
    });
  });

  it('reports a LinkId and LinkedAccountId that name different links', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    expect(await getLink({ LinkId: id, LinkedAccountId: ACCOUNT_B })).toEqual(
      link(id, 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT'),
    );
    await expect(getLink({ LinkId: id, LinkedAccountId: ACCOUNT_C })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('account link', id),
    });
  });

  it('keeps a link to its Region and to the two linked accounts', async () => {
    await enableByol();
    const id = (await invite(ACCOUNT_B)).AccountLinkId ?? '';
    await expect(getLink({ LinkId: id }, t.client(ACCOUNT_A, OTHER_REGION))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(getLink({ LinkId: id }, t.client(ACCOUNT_B, OTHER_REGION))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(getLink({ LinkId: id }, t.client(ACCOUNT_C))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await listLinks({}, t.client(ACCOUNT_B, OTHER_REGION))).AccountLinks).toEqual([]);
  });
});

describe('ListAccountLinks', () => {
  const targets = ['200000000001', '200000000002', '200000000003', '200000000004', '200000000005'];

  async function inviteAll() {
    await enableByol();
    const ids: string[] = [];
    for (const target of targets) ids.push((await invite(target)).AccountLinkId ?? '');
    return ids;
  }

  it('walks the source account links page by page', async () => {
    await inviteAll();
    const pages = await walkLinks({ MaxResults: 2 });
    expect(pages).toEqual([targets.slice(0, 2), targets.slice(2, 4), targets.slice(4)]);
  });

  it('filters by link status across pages', async () => {
    const ids = await inviteAll();
    await accept(ids[1] ?? '', t.client(targets[1]));
    await reject(ids[3] ?? '', t.client(targets[3]));
    await accept(ids[4] ?? '', t.client(targets[4]));
    const linked = await walkLinks({ LinkStatusFilter: ['LINKED'], MaxResults: 1 });
    expect(linked.flat()).toEqual([targets[1], targets[4]]);
    expect(linked.every((page) => page.length <= 1)).toBe(true);
    expect(
      (await walkLinks({ LinkStatusFilter: ['PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT', 'REJECTED'] })).flat(),
    ).toEqual([targets[0], targets[2], targets[3]]);
  });

  it('lists the links of a target account, whichever source invited it', async () => {
    await enableByol();
    await enableByol(t.client(ACCOUNT_C), '10.1.0.0/16');
    const fromA = await invite(ACCOUNT_B);
    const fromC = await invite(ACCOUNT_B, t.client(ACCOUNT_C));
    expect((await listLinks({}, t.client(ACCOUNT_B))).AccountLinks).toEqual([fromA, fromC]);
    expect((await listLinks()).AccountLinks).toEqual([fromA]);
  });

  it('rejects a NextToken it did not issue', async () => {
    await expect(listLinks({ NextToken: 'not-a-token' })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
  });
});
