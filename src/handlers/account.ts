// The account family: BYOL settings of an account in a Region (DescribeAccount, ModifyAccount, its modifications
// and management CIDR ranges) and the BYOL account links a source account offers to target accounts.
import { isManagementRange, isNarrowerThanManagementRange, managementRangesWithin } from '../domain/account-cidr.js';
import {
  createLink,
  deleteLink,
  findLink,
  findLinkWith,
  isOpen,
  type LinkRecord,
  saveLink,
  scanLinks,
  toWireLink,
  type VisibleLink,
} from '../domain/account-links.js';
import {
  type AccountContext,
  type AccountModificationRecord,
  type AccountRecord,
  describeAccount,
  isOwnByolEnabled,
  pendingModification,
  readAccount,
  saveAccount,
  toWireModification,
  updateAccount,
} from '../domain/account-settings.js';
import { durations } from '../domain/durations.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import { accessDenied, invalidParameter, invalidState, notFound, ServiceError } from '../errors.js';
import type { AccountLinkStatusEnum, ModifyAccountRequest } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Family, Handlers, RequestContext } from './types.js';

/** ListAvailableManagementCidrRanges without MaxResults: the model's maximum. */
const DEFAULT_CIDR_PAGE_SIZE = 5;
/** DescribeAccountModifications has no limit parameter; ListAccountLinks without MaxResults: the model's maximum. */
const DEFAULT_PAGE_SIZE = 25;

const PENDING: AccountLinkStatusEnum = 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT';

const validation = (message: string) => new ServiceError('ValidationException', message);
const conflict = (message: string) => new ServiceError('ConflictException', message);

const linkNotFound = (linkId: string) => notFound('account link', linkId);
const noLinkWith = (accountId: string) => notFound('account link with account', accountId);

// ---- BYOL settings ----

/** ModifyAccount can only enable BYOL, and only with a management range. */
function requestedManagementRange(input: ModifyAccountRequest): string {
  if (input.DedicatedTenancySupport !== 'ENABLED' || input.DedicatedTenancyManagementCidrRange === undefined) {
    throw invalidParameter(
      'Specify DedicatedTenancySupport ENABLED together with a DedicatedTenancyManagementCidrRange from ListAvailableManagementCidrRanges.',
    );
  }
  return input.DedicatedTenancyManagementCidrRange;
}

function checkModifiable(ctx: RequestContext, account: AccountRecord): void {
  if (account.linkedSourceAccountId !== undefined) {
    throw invalidState(
      `This account is linked to the BYOL source account ${account.linkedSourceAccountId} and uses its BYOL configuration.`,
    );
  }
  if (pendingModification(account)) {
    throw invalidState(
      'A modification of the BYOL configuration is in progress. Wait until it completes, and try again.',
    );
  }
  if (isOwnByolEnabled(account)) {
    throw invalidState(`BYOL is already enabled for account ${ctx.scope.account} in ${ctx.scope.region}.`);
  }
}

/** The management range the account holds or is taking; it is not offered again. */
function managementRangesInUse(ctx: AccountContext): Set<string> {
  const inUse = new Set<string>();
  const current = describeAccount(ctx).DedicatedTenancyManagementCidrRange;
  if (current !== undefined) inUse.add(current);
  const pending = pendingModification(readAccount(ctx));
  if (pending) inUse.add(pending.DedicatedTenancyManagementCidrRange);
  return inUse;
}

function checkAvailable(ctx: AccountContext, cidr: string): void {
  if (!isManagementRange(cidr) || managementRangesInUse(ctx).has(cidr)) {
    throw invalidParameter(
      `The management CIDR range ${cidr} is not available. Choose one that ListAvailableManagementCidrRanges returns.`,
    );
  }
}

/** A token is bound to the constraint it was issued for: another constraint would page a different list. */
const cidrTokenKind = (constraint: string) => `ListAvailableManagementCidrRanges#${constraint}`;

// ---- account links ----

function requireLink(ctx: AccountContext, linkId: string): VisibleLink {
  const found = findLink(ctx, linkId);
  if (!found) throw linkNotFound(linkId);
  return found;
}

/** A source account shares its own BYOL configuration; a linked target has none of its own to share. */
function checkCanInvite(ctx: AccountContext): void {
  const account = readAccount(ctx);
  if (!isOwnByolEnabled(account) || account.linkedSourceAccountId !== undefined) {
    throw accessDenied(
      `Account ${ctx.scope.account} is not enabled for BYOL in ${ctx.scope.region}. Enable BYOL with ModifyAccount before inviting accounts to link.`,
    );
  }
}

/** An account already part of a BYOL link (as target, or as a source with linked targets) cannot join another. */
function checkNotLinked(ctx: AccountContext, accountId: string): void {
  const account = readAccount(ctx, { account: accountId, region: ctx.scope.region });
  if (account.linkedSourceAccountId !== undefined || account.isLinkSource) {
    throw conflict(`The account ${accountId} is already linked.`);
  }
}

/** A repeated CreateAccountLinkInvitation: ClientToken idempotency is per source and target account. */
const isInviteRetry = (existing: VisibleLink, clientToken: string | undefined) =>
  existing.callerIsSource && clientToken !== undefined && existing.link.inviteToken === clientToken;

/** A repeated Accept/Reject carrying the ClientToken that already answered the invitation. */
const isAnswerRetry = (link: LinkRecord, clientToken: string | undefined, status: AccountLinkStatusEnum) =>
  link.AccountLinkStatus === status && clientToken !== undefined && link.answerToken === clientToken;

function requireTargetSide(found: VisibleLink, action: string): LinkRecord {
  if (found.callerIsSource) {
    throw accessDenied(
      `Only the target account ${found.link.TargetAccountId} can ${action} the account link ${found.link.AccountLinkId}.`,
    );
  }
  return found.link;
}

function checkPending(link: LinkRecord, action: string): void {
  if (link.AccountLinkStatus !== PENDING) {
    throw conflict(
      `The account link ${link.AccountLinkId} is ${link.AccountLinkStatus}; only an invitation pending acceptance can be ${action}.`,
    );
  }
}

function answer(ctx: AccountContext, link: LinkRecord, status: AccountLinkStatusEnum, clientToken?: string) {
  const answered: LinkRecord = merged(link, {
    AccountLinkStatus: status,
    ...(clientToken !== undefined && { answerToken: clientToken }),
  });
  saveLink(ctx, answered);
  return { AccountLink: toWireLink(answered) };
}

/** Accepting ties the target to the source's BYOL configuration for good: there is no unlinking. */
function recordLinked(ctx: AccountContext, link: LinkRecord): void {
  updateAccount(ctx, (account) => merged(account, { linkedSourceAccountId: link.SourceAccountId }));
  updateAccount(ctx, (account) => merged(account, { isLinkSource: true }), {
    account: link.SourceAccountId,
    region: ctx.scope.region,
  });
}

/** ListAccountLinks models ValidationException, not InvalidParameterValuesException, for a bad request. */
function decodeLinksToken(ctx: RequestContext, token: string | undefined): number {
  try {
    return decodeToken(ctx, 'ListAccountLinks', token);
  } catch {
    throw validation('The NextToken is invalid or has expired. Start again without a NextToken.');
  }
}

const handlers: Handlers<
  | 'DescribeAccount'
  | 'ModifyAccount'
  | 'DescribeAccountModifications'
  | 'ListAvailableManagementCidrRanges'
  | 'CreateAccountLinkInvitation'
  | 'AcceptAccountLinkInvitation'
  | 'RejectAccountLinkInvitation'
  | 'DeleteAccountLinkInvitation'
  | 'GetAccountLink'
  | 'ListAccountLinks'
> = {
  DescribeAccount(_input, ctx) {
    return describeAccount(ctx);
  },

  ModifyAccount(input, ctx) {
    const cidr = requestedManagementRange(input);
    const account = readAccount(ctx);
    checkModifiable(ctx, account);
    checkAvailable(ctx, cidr);
    const modification: AccountModificationRecord = {
      ModificationState: 'PENDING',
      DedicatedTenancySupport: 'ENABLED',
      DedicatedTenancyManagementCidrRange: cidr,
      StartTime: ctx.now,
    };
    saveAccount(ctx, merged(account, { modifications: [...account.modifications, modification] }));
    ctx.engine.schedule(ctx.scope, ctx.now, durations.accountByolEnable, 'account.byolEnabled', ctx.scope.account);
    return {};
  },

  DescribeAccountModifications(input, ctx) {
    const start = decodeToken(ctx, 'DescribeAccountModifications', input.NextToken);
    const modifications = readAccount(ctx).modifications;
    const end = start + DEFAULT_PAGE_SIZE;
    return {
      AccountModifications: modifications.slice(start, end).map(toWireModification),
      ...(end < modifications.length && { NextToken: encodeToken(ctx, 'DescribeAccountModifications', end) }),
    };
  },

  ListAvailableManagementCidrRanges(input, ctx) {
    const constraint = input.ManagementCidrRangeConstraint;
    if (isNarrowerThanManagementRange(constraint)) {
      throw invalidParameter(
        `The ManagementCidrRangeConstraint ${constraint} cannot hold a /16 range. Specify a /16 or larger range.`,
      );
    }
    const tokenKind = cidrTokenKind(constraint);
    const start = decodeToken(ctx, tokenKind, input.NextToken);
    const end = start + (input.MaxResults ?? DEFAULT_CIDR_PAGE_SIZE);
    const inUse = managementRangesInUse(ctx);
    const available = managementRangesWithin(constraint).filter((range) => !inUse.has(range));
    return {
      ManagementCidrRanges: available.slice(start, end),
      ...(end < available.length && { NextToken: encodeToken(ctx, tokenKind, end) }),
    };
  },

  CreateAccountLinkInvitation(input, ctx) {
    const targetAccountId = input.TargetAccountId;
    if (targetAccountId === ctx.scope.account) {
      throw validation('The TargetAccountId must be another account than the SourceAccountId (the caller).');
    }
    const existing = findLinkWith(ctx, targetAccountId);
    if (existing && isInviteRetry(existing, input.ClientToken)) return { AccountLink: toWireLink(existing.link) };
    checkCanInvite(ctx);
    if (existing && isOpen(existing.link)) {
      throw conflict(`The account ${targetAccountId} is already linked or invited.`);
    }
    checkNotLinked(ctx, targetAccountId);
    const link: LinkRecord = {
      role: 'link',
      AccountLinkId: ctx.ids.next('link'),
      AccountLinkStatus: PENDING,
      SourceAccountId: ctx.scope.account,
      TargetAccountId: targetAccountId,
      ...(input.ClientToken !== undefined && { inviteToken: input.ClientToken }),
    };
    createLink(ctx, link);
    return { AccountLink: toWireLink(link) };
  },

  AcceptAccountLinkInvitation(input, ctx) {
    const link = requireTargetSide(requireLink(ctx, input.LinkId), 'accept');
    if (isAnswerRetry(link, input.ClientToken, 'LINKED')) return { AccountLink: toWireLink(link) };
    checkPending(link, 'accepted');
    checkNotLinked(ctx, ctx.scope.account);
    recordLinked(ctx, link);
    return answer(ctx, link, 'LINKED', input.ClientToken);
  },

  RejectAccountLinkInvitation(input, ctx) {
    const link = requireTargetSide(requireLink(ctx, input.LinkId), 'reject');
    if (isAnswerRetry(link, input.ClientToken, 'REJECTED')) return { AccountLink: toWireLink(link) };
    checkPending(link, 'rejected');
    return answer(ctx, link, 'REJECTED', input.ClientToken);
  },

  DeleteAccountLinkInvitation(input, ctx) {
    const { link, callerIsSource } = requireLink(ctx, input.LinkId);
    if (!callerIsSource) {
      throw accessDenied(
        `Only the source account ${link.SourceAccountId} can delete the account link invitation ${link.AccountLinkId}.`,
      );
    }
    if (link.AccountLinkStatus === 'LINKED') {
      throw conflict(
        `The account link ${link.AccountLinkId} is LINKED and cannot be deleted: there is no unlinking after an invitation is accepted.`,
      );
    }
    deleteLink(ctx, link);
    return { AccountLink: toWireLink(link) };
  },

  GetAccountLink(input, ctx) {
    const { LinkId: linkId, LinkedAccountId: linkedAccountId } = input;
    if (linkId === undefined && linkedAccountId === undefined) {
      throw validation('Specify a LinkId or a LinkedAccountId.');
    }
    const found = linkId !== undefined ? findLink(ctx, linkId) : findLinkWith(ctx, linkedAccountId ?? '');
    const peer = found && (found.callerIsSource ? found.link.TargetAccountId : found.link.SourceAccountId);
    if (!found || (linkedAccountId !== undefined && peer !== linkedAccountId)) {
      throw linkId !== undefined ? linkNotFound(linkId) : noLinkWith(linkedAccountId ?? '');
    }
    return { AccountLink: toWireLink(found.link) };
  },

  ListAccountLinks(input, ctx) {
    const statuses = input.LinkStatusFilter;
    const keep = (link: LinkRecord) => !statuses || statuses.includes(link.AccountLinkStatus);
    const page = scanLinks(ctx, keep, decodeLinksToken(ctx, input.NextToken), input.MaxResults ?? DEFAULT_PAGE_SIZE);
    return {
      AccountLinks: page.items.map(toWireLink),
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, 'ListAccountLinks', page.next) }),
    };
  },
};

export const accountFamily: Family = {
  handlers,
  transitions: {
    /** The pending BYOL modification completes: BYOL is on with the management range it asked for. */
    'account.byolEnabled'(tctx) {
      const account = readAccount(tctx);
      const pending = pendingModification(account);
      if (!pending) return;
      saveAccount(
        tctx,
        merged(account, {
          DedicatedTenancySupport: 'ENABLED' as const,
          DedicatedTenancyManagementCidrRange: pending.DedicatedTenancyManagementCidrRange,
          modifications: account.modifications.map(
            (m): AccountModificationRecord =>
              m === pending ? merged(m, { ModificationState: 'COMPLETED' as const }) : m,
          ),
        }),
      );
    },
  },
};
