// Rules for connection aliases (cross-Region redirection): where they exist, what a connection string may be,
// where shares and reservations are kept, and what the stored records look like.
import { invalidParameter, operationNotSupported } from '../errors.js';
import type {
  AssociationStatus,
  ConnectionAlias,
  ConnectionAliasAssociation,
  ConnectionAliasState,
} from '../model/generated/types.js';
import type { Scope } from '../store/types.js';

/** [AG] cross-region-redirection: "one other AWS account in the same AWS Region". */
export const MAX_SHARED_ACCOUNTS = 1;

/** [AG] cross-region-redirection is available everywhere WorkSpaces is except these two Regions. */
const unsupportedRegions: ReadonlySet<string> = new Set(['us-gov-west-1', 'cn-northwest-1']);

/** The alias as its owner's scope keeps it: the wire shape plus who it is shared with. */
export interface ConnectionAliasRecord extends ConnectionAlias {
  AliasId: string;
  ConnectionString: string;
  State: ConnectionAliasState;
  OwnerAccountId: string;
  /** At most one: an alias is associated with one directory per Region, by its owner or the shared account. */
  Associations?: ConnectionAliasAssociation[];
  /** Accounts allowed to associate the alias (at most MAX_SHARED_ACCOUNTS). */
  SharedAccountIds: string[];
  /** Set while the owner's own directory holds the association, so DescribeConnectionAliases can find it by index. */
  DirectoryId?: string;
}

/** What an account that an alias is shared with keeps: enough to find the owner's record, in share order. */
export interface SharedAliasRecord {
  AliasId: string;
  OwnerAccountId: string;
  /** Set while this account's directory holds the association. */
  DirectoryId?: string;
}

/**
 * "The connection string is globally reserved for your account": one record per string, in every Region, kept after
 * the aliases are gone. `AliasIds` maps each Region to the owner's current alias with that string there.
 */
export interface ConnectionStringReservation {
  ConnectionString: string;
  OwnerAccountId: string;
  AliasIds: Record<string, string>;
}

/** Reservations cross accounts and Regions, so they live in a scope of their own (a full reset clears them). */
export const RESERVATION_SCOPE: Scope = { account: 'emulator', region: 'connection-strings' };

/** Aliases shared with an account sit beside its own scope, so they never count toward its quota or its tags. */
export function sharedAliasScope(scope: Scope): Scope {
  return { account: scope.account, region: `${scope.region}/shared-connection-aliases` };
}

/** DNS names are case-insensitive, so `Desktop.Example.com` and `desktop.example.com` are one string. */
export function reservationKey(connectionString: string): string {
  return connectionString.toLowerCase();
}

export function checkRegionSupported(region: string): void {
  if (unsupportedRegions.has(region)) {
    throw operationNotSupported(`Cross-Region redirection is not available in the ${region} Region.`);
  }
}

/** Letters, digits and hyphens, 1–63 per label, no hyphen at either end of a label. */
const label = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** The model's pattern allows any mix of letters, digits, dots and hyphens; AWS asks for an FQDN. */
export function checkConnectionString(connectionString: string): void {
  const labels = connectionString.split('.');
  if (labels.length < 2 || !labels.every((l) => label.test(l))) {
    throw invalidParameter(
      `The connection string ${connectionString} is not a fully qualified domain name (FQDN), such as www.example.com.`,
    );
  }
}

/** The association's status once it is settled: whose directory holds it. */
export function settledStatus(
  alias: ConnectionAliasRecord,
  association: ConnectionAliasAssociation,
): AssociationStatus {
  return association.AssociatedAccountId === alias.OwnerAccountId
    ? 'ASSOCIATED_WITH_OWNER_ACCOUNT'
    : 'ASSOCIATED_WITH_SHARED_ACCOUNT';
}
