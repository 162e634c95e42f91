// An account's BYOL settings in one Region, as stored, and what DescribeAccount reports from them — including the
// settings a linked target account borrows from its BYOL source. isByolEnabled() is the question other families ask.
import type {
  AccountModification,
  DedicatedTenancyAccountType,
  DedicatedTenancyModificationStateEnum,
  DedicatedTenancySupportResultEnum,
  DescribeAccountResult,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope, Store } from '../store/types.js';
import { toDate } from './records.js';

export interface AccountModificationRecord {
  ModificationState: DedicatedTenancyModificationStateEnum;
  DedicatedTenancySupport: DedicatedTenancySupportResultEnum;
  DedicatedTenancyManagementCidrRange: string;
  /** Epoch milliseconds. */
  StartTime: number;
}

/** One document per account and Region: BYOL is enabled Region by Region ([AG] windows_images_enable_byol). */
export interface AccountRecord {
  DedicatedTenancySupport: DedicatedTenancySupportResultEnum;
  DedicatedTenancyManagementCidrRange?: string;
  /** Oldest first. */
  modifications: AccountModificationRecord[];
  /** Set when this account accepted a link: it then uses that source account's BYOL configuration. */
  linkedSourceAccountId?: string;
  /** Set once a target account accepted this account's invitation; links cannot be undone. */
  isLinkSource?: boolean;
}

/** Everything the account settings need: where the caller is and the store. */
export interface AccountContext {
  readonly scope: Scope;
  readonly store: Store;
}

const ACCOUNT_DOCUMENT_ID = 'byol';

const accounts = (ctx: Pick<AccountContext, 'store'>) => ctx.store.collection<AccountRecord>('account');

const defaultAccount = (): AccountRecord => ({ DedicatedTenancySupport: 'DISABLED', modifications: [] });

export function readAccount(ctx: AccountContext, scope: Scope = ctx.scope): AccountRecord {
  return accounts(ctx).get(scope, ACCOUNT_DOCUMENT_ID) ?? defaultAccount();
}

export function saveAccount(ctx: AccountContext, account: AccountRecord, scope: Scope = ctx.scope): void {
  accounts(ctx).put(scope, ACCOUNT_DOCUMENT_ID, account);
}

export function updateAccount(
  ctx: AccountContext,
  change: (account: AccountRecord) => AccountRecord,
  scope: Scope = ctx.scope,
): void {
  saveAccount(ctx, change(readAccount(ctx, scope)), scope);
}

/** The modification still under way, if any. */
export function pendingModification(account: AccountRecord): AccountModificationRecord | undefined {
  return account.modifications.find((m) => m.ModificationState === 'PENDING');
}

export function isOwnByolEnabled(account: AccountRecord): boolean {
  return account.DedicatedTenancySupport === 'ENABLED';
}

const sourceScope = (ctx: AccountContext, sourceAccountId: string): Scope => ({
  account: sourceAccountId,
  region: ctx.scope.region,
});

/** The settings in force: a linked target reports its source's support and management range. */
export function describeAccount(ctx: AccountContext): DescribeAccountResult {
  const account = readAccount(ctx);
  if (account.linkedSourceAccountId !== undefined) {
    const source = readAccount(ctx, sourceScope(ctx, account.linkedSourceAccountId));
    return merged(ownSettings(source), { DedicatedTenancyAccountType: 'TARGET_ACCOUNT' as const });
  }
  const accountType: DedicatedTenancyAccountType | undefined = account.isLinkSource ? 'SOURCE_ACCOUNT' : undefined;
  return merged(ownSettings(account), accountType ? { DedicatedTenancyAccountType: accountType } : {});
}

function ownSettings(account: AccountRecord): DescribeAccountResult {
  return {
    DedicatedTenancySupport: account.DedicatedTenancySupport,
    ...(account.DedicatedTenancyManagementCidrRange !== undefined && {
      DedicatedTenancyManagementCidrRange: account.DedicatedTenancyManagementCidrRange,
    }),
  };
}

/**
 * Whether the caller's account may use BYOL features (dedicated tenancy, BYOL images) in its Region: BYOL enabled
 * on the account itself, or the account is a linked target of a BYOL source.
 */
export function isByolEnabled(ctx: AccountContext): boolean {
  return describeAccount(ctx).DedicatedTenancySupport === 'ENABLED';
}

export function toWireModification(modification: AccountModificationRecord): AccountModification {
  return merged(modification, { StartTime: toDate(modification.StartTime) });
}
