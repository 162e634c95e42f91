// The connection aliases family: FQDN registration codes for cross-Region redirection, their association with one
// directory per Region, and sharing with one other account of the same Region.
//
// The alias lives in its owner's scope. An account it is shared with keeps a small record beside its own scope
// (sharedAliasScope), which lists the alias for it and leads back to the owner's record. Connection strings are
// reserved for the first account that used them, in every Region, in RESERVATION_SCOPE.

import {
  type ConnectionAliasRecord,
  type ConnectionStringReservation,
  checkConnectionString,
  checkRegionSupported,
  MAX_SHARED_ACCOUNTS,
  RESERVATION_SCOPE,
  reservationKey,
  type SharedAliasRecord,
  settledStatus,
  sharedAliasScope,
} from '../domain/connection-alias-rules.js';
import { durations } from '../domain/durations.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import type { DirectoryRecord } from '../domain/records.js';
import {
  accessDenied,
  alreadyExists,
  invalidParameter,
  invalidState,
  limitExceeded,
  notFound,
  ServiceError,
} from '../errors.js';
import type { ConnectionAliasAssociation } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Page, Scope } from '../store/types.js';
import { requireDirectory } from './lookups.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

/** Page size when the caller gives no Limit / MaxResults (the model's maximum). */
const DEFAULT_PAGE_SIZE = 25;

const SCAN_TOKEN = 'DescribeConnectionAliases';
const IDS_TOKEN = 'DescribeConnectionAliases#AliasIds';
const PERMISSIONS_TOKEN = 'DescribeConnectionAliasPermissions';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;
type StoreCtx = Pick<RequestContext, 'store'>;

const aliases = (ctx: StoreCtx) => ctx.store.collection<ConnectionAliasRecord>('connectionalias');
const sharedAliases = (ctx: StoreCtx) => ctx.store.collection<SharedAliasRecord>('connectionalias');
const reservations = (ctx: StoreCtx) => ctx.store.collection<ConnectionStringReservation>('connectionalias');

interface VisibleAlias {
  alias: ConnectionAliasRecord;
  /** The owner's scope, where the alias is stored and its transitions run. */
  owner: Scope;
  isOwner: boolean;
}

/** The owner's record behind a shared-alias record, while the owner still shares it with the caller. */
function resolveShared(ctx: Ctx, shared: SharedAliasRecord): VisibleAlias | undefined {
  const owner = { account: shared.OwnerAccountId, region: ctx.scope.region };
  const alias = aliases(ctx).get(owner, shared.AliasId);
  if (!alias?.SharedAccountIds.includes(ctx.scope.account)) return undefined;
  return { alias, owner, isOwner: false };
}

/** An alias the caller owns, or one its owner shares with the caller in this Region. */
function findAlias(ctx: Ctx, aliasId: string): VisibleAlias | undefined {
  const own = aliases(ctx).get(ctx.scope, aliasId);
  if (own) return { alias: own, owner: ctx.scope, isOwner: true };
  const shared = sharedAliases(ctx).get(sharedAliasScope(ctx.scope), aliasId);
  return shared && resolveShared(ctx, shared);
}

function requireAlias(ctx: Ctx, aliasId: string): VisibleAlias {
  const found = findAlias(ctx, aliasId);
  if (!found) throw notFound('connection alias', aliasId);
  return found;
}

/** Deleting, sharing and describing permissions are for the owner; an account it is shared with is denied. */
function requireOwnAlias(ctx: Ctx, aliasId: string, action: string): ConnectionAliasRecord {
  const { alias, isOwner } = requireAlias(ctx, aliasId);
  if (!isOwner) {
    throw accessDenied(
      `The connection alias ${aliasId} is owned by account ${alias.OwnerAccountId}; only its owner can ${action}.`,
    );
  }
  return alias;
}

/** The model docs ask callers to wait for CREATED before associating, disassociating or sharing. */
function requireCreated(alias: ConnectionAliasRecord): void {
  if (alias.State !== 'CREATED') {
    throw invalidState(
      `The connection alias ${alias.AliasId} is ${alias.State}. Wait until it is CREATED, and try again.`,
    );
  }
}

function saveAlias(ctx: StoreCtx, owner: Scope, alias: ConnectionAliasRecord): void {
  aliases(ctx).put(owner, alias.AliasId, alias);
}

function withoutAssociation(alias: ConnectionAliasRecord): ConnectionAliasRecord {
  return {
    AliasId: alias.AliasId,
    ConnectionString: alias.ConnectionString,
    State: alias.State,
    OwnerAccountId: alias.OwnerAccountId,
    SharedAccountIds: alias.SharedAccountIds,
  };
}

const associationOf = (alias: ConnectionAliasRecord): ConnectionAliasAssociation | undefined => alias.Associations?.[0];

const resourceAssociated = (message: string) => new ServiceError('ResourceAssociatedException', message);

function requireRegisteredDirectory(ctx: Ctx, directoryId: string): DirectoryRecord {
  const directory = requireDirectory(ctx, directoryId);
  if (directory.State !== 'REGISTERED') {
    throw invalidState(
      `The directory ${directoryId} is ${directory.State}. A connection alias can be associated with a REGISTERED directory only.`,
    );
  }
  return directory;
}

/** The connection string's reservation, if any, after refusing a string that is taken for this caller and Region. */
function checkConnectionStringFree(ctx: Ctx, connectionString: string): ConnectionStringReservation | undefined {
  const reservation = reservations(ctx).get(RESERVATION_SCOPE, reservationKey(connectionString));
  if (!reservation) return undefined;
  if (reservation.OwnerAccountId !== ctx.scope.account) {
    throw alreadyExists(
      `The connection string ${connectionString} is reserved for another AWS account. Choose another connection string, and try again.`,
    );
  }
  const aliasId = reservation.AliasIds[ctx.scope.region];
  const existing = aliasId === undefined ? undefined : aliases(ctx).get(ctx.scope, aliasId);
  if (existing?.State === 'DELETING') {
    throw invalidState(
      `The connection alias ${existing.AliasId} with the connection string ${connectionString} is being deleted. Wait until it is gone, and try again.`,
    );
  }
  if (existing) {
    throw alreadyExists(
      `The connection alias ${existing.AliasId} already uses the connection string ${connectionString} in this Region.`,
    );
  }
  return reservation;
}

function checkAliasQuota(ctx: Pick<RequestContext, 'scope' | 'store' | 'config'>): void {
  const quota = ctx.config.quotas['connection-aliases'];
  if (aliases(ctx).count(ctx.scope) >= quota) {
    throw limitExceeded(
      `You have already created the maximum of ${quota} connection aliases in this Region. Delete connection aliases that you are not using, and try again.`,
    );
  }
}

function reserve(ctx: Ctx, reservation: ConnectionStringReservation | undefined, alias: ConnectionAliasRecord): void {
  reservations(ctx).put(RESERVATION_SCOPE, reservationKey(alias.ConnectionString), {
    ConnectionString: reservation?.ConnectionString ?? alias.ConnectionString,
    OwnerAccountId: alias.OwnerAccountId,
    AliasIds: merged(reservation?.AliasIds ?? {}, { [ctx.scope.region]: alias.AliasId }),
  });
}

/** The string stays reserved for the account; only this Region's alias slot is freed. */
function releaseRegion(ctx: Ctx, alias: ConnectionAliasRecord): void {
  const key = reservationKey(alias.ConnectionString);
  const reservation = reservations(ctx).get(RESERVATION_SCOPE, key);
  if (reservation?.AliasIds[ctx.scope.region] !== alias.AliasId) return;
  const aliasIds = Object.fromEntries(Object.entries(reservation.AliasIds).filter(([r]) => r !== ctx.scope.region));
  reservations(ctx).put(RESERVATION_SCOPE, key, merged(reservation, { AliasIds: aliasIds }));
}

/** Marks (or clears) which directory of an account the alias is shared with holds it, for ResourceId lookups. */
function setSharedDirectory(ctx: StoreCtx, grantee: Scope, aliasId: string, directoryId: string | undefined): void {
  const scope = sharedAliasScope(grantee);
  const shared = sharedAliases(ctx).get(scope, aliasId);
  if (!shared) return;
  const { AliasId, OwnerAccountId } = shared;
  sharedAliases(ctx).put(scope, aliasId, {
    AliasId,
    OwnerAccountId,
    ...(directoryId !== undefined && { DirectoryId: directoryId }),
  });
}

function share(ctx: Ctx, alias: ConnectionAliasRecord, account: string): ConnectionAliasRecord {
  if (alias.SharedAccountIds.includes(account)) {
    // Sharing again is a no-op, except that it restores the other side's record if that account was reset.
    const grantee = sharedAliasScope({ account, region: ctx.scope.region });
    if (!sharedAliases(ctx).get(grantee, alias.AliasId)) {
      sharedAliases(ctx).put(grantee, alias.AliasId, { AliasId: alias.AliasId, OwnerAccountId: alias.OwnerAccountId });
    }
    return alias;
  }
  if (alias.SharedAccountIds.length >= MAX_SHARED_ACCOUNTS) {
    throw limitExceeded(
      `The connection alias ${alias.AliasId} is already shared with account ${alias.SharedAccountIds.join(', ')}. A connection alias can be shared with only one other account; unshare it first.`,
    );
  }
  const grantee = sharedAliasScope({ account, region: ctx.scope.region });
  sharedAliases(ctx).put(grantee, alias.AliasId, { AliasId: alias.AliasId, OwnerAccountId: alias.OwnerAccountId });
  return merged(alias, { SharedAccountIds: [...alias.SharedAccountIds, account] });
}

/** The shared account must disassociate the alias from its directory before the owner can take the share back. */
function unshare(ctx: Ctx, alias: ConnectionAliasRecord, account: string): ConnectionAliasRecord {
  const association = associationOf(alias);
  if (association?.AssociatedAccountId === account) {
    throw resourceAssociated(
      `Account ${account} has associated the connection alias ${alias.AliasId} with its directory ${association.ResourceId}. That account must disassociate it first.`,
    );
  }
  sharedAliases(ctx).delete(sharedAliasScope({ account, region: ctx.scope.region }), alias.AliasId);
  return merged(alias, { SharedAccountIds: alias.SharedAccountIds.filter((a) => a !== account) });
}

type Reader<T> = (after: number, limit: number) => Page<T>;

/**
 * Reads from `after` until `limit` aliases resolve. Each read asks only for as many documents as are still
 * missing, so a page never overshoots and `next` is exactly where to resume.
 */
function collect<T>(
  read: Reader<T>,
  resolve: (doc: T) => ConnectionAliasRecord | undefined,
  after: number,
  limit: number,
): Page<ConnectionAliasRecord> {
  const items: ConnectionAliasRecord[] = [];
  let position = after;
  for (;;) {
    const page = read(position, limit - items.length);
    for (const doc of page.items) {
      const alias = resolve(doc);
      if (alias) items.push(alias);
    }
    if (page.next === undefined) return { items, next: undefined };
    position = page.next;
    if (items.length === limit) return { items, next: position };
  }
}

function ownReader(ctx: Ctx, resourceId: string | undefined): Reader<ConnectionAliasRecord> {
  return (after, limit) =>
    resourceId === undefined
      ? aliases(ctx).page(ctx.scope, after, limit)
      : aliases(ctx).findBy(ctx.scope, 'DirectoryId', resourceId, after, limit);
}

function sharedReader(ctx: Ctx, resourceId: string | undefined): Reader<SharedAliasRecord> {
  const scope = sharedAliasScope(ctx.scope);
  return (after, limit) =>
    resourceId === undefined
      ? sharedAliases(ctx).page(scope, after, limit)
      : sharedAliases(ctx).findBy(scope, 'DirectoryId', resourceId, after, limit);
}

/** The full listing walks the caller's own aliases, then those shared with it; the position's low bit says which. */
const ownPosition = (after: number) => after * 2;
const sharedPosition = (after: number) => after * 2 + 1;

function scanAliases(
  ctx: Ctx,
  resourceId: string | undefined,
  position: number,
  limit: number,
): Page<ConnectionAliasRecord> {
  const after = Math.floor(position / 2);
  const readShared = sharedReader(ctx, resourceId);
  const shared = (from: number, room: number) => {
    const page = collect(readShared, (doc) => resolveShared(ctx, doc)?.alias, from, room);
    return { items: page.items, next: page.next === undefined ? undefined : sharedPosition(page.next) };
  };
  if (position % 2 === 1) return shared(after, limit);
  const own = collect(ownReader(ctx, resourceId), (alias) => alias, after, limit);
  if (own.next !== undefined) return { items: own.items, next: ownPosition(own.next) };
  const room = limit - own.items.length;
  if (room > 0) {
    const rest = shared(0, room);
    return { items: [...own.items, ...rest.items], next: rest.next };
  }
  return { items: own.items, next: readShared(0, 1).items.length > 0 ? sharedPosition(0) : undefined };
}

/** With AliasIds the position is an index into the (de-duplicated) list; unknown ids are left out. */
function listRequestedAliases(
  ctx: Ctx,
  ids: readonly string[],
  resourceId: string | undefined,
  start: number,
  limit: number,
): Page<ConnectionAliasRecord> {
  const unique = [...new Set(ids)];
  const end = start + limit;
  const items = unique
    .slice(start, end)
    .map((id) => findAlias(ctx, id)?.alias)
    .filter((alias): alias is ConnectionAliasRecord => alias !== undefined)
    .filter((alias) => resourceId === undefined || isHeldBy(alias, ctx.scope.account, resourceId));
  return { items, next: end < unique.length ? end : undefined };
}

function isHeldBy(alias: ConnectionAliasRecord, account: string, directoryId: string): boolean {
  const association = associationOf(alias);
  return association?.AssociatedAccountId === account && association.ResourceId === directoryId;
}

/** The identifier users put in their DNS TXT records; the id generator supplies the randomness. */
function connectionIdentifier(ctx: RequestContext): string {
  return ctx.ids.next('ci').slice(3);
}

const handlers: Handlers<
  | 'CreateConnectionAlias'
  | 'DescribeConnectionAliases'
  | 'DeleteConnectionAlias'
  | 'AssociateConnectionAlias'
  | 'DisassociateConnectionAlias'
  | 'UpdateConnectionAliasPermission'
  | 'DescribeConnectionAliasPermissions'
> = {
  CreateConnectionAlias(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    checkConnectionString(input.ConnectionString);
    const reservation = checkConnectionStringFree(ctx, input.ConnectionString);
    checkAliasQuota(ctx);
    const alias: ConnectionAliasRecord = {
      AliasId: ctx.ids.next('wsca'),
      ConnectionString: input.ConnectionString,
      State: 'CREATING',
      OwnerAccountId: ctx.scope.account,
      SharedAccountIds: [],
    };
    saveAlias(ctx, ctx.scope, alias);
    reserve(ctx, reservation, alias);
    applyCreationTags(ctx, alias.AliasId, input.Tags);
    ctx.engine.schedule(
      ctx.scope,
      ctx.now,
      durations.connectionAliasCreate,
      'connectionAliases.created',
      alias.AliasId,
    );
    return { AliasId: alias.AliasId };
  },

  DescribeConnectionAliases(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const limit = input.Limit ?? DEFAULT_PAGE_SIZE;
    const tokenKind = input.AliasIds ? IDS_TOKEN : SCAN_TOKEN;
    const position = decodeToken(ctx, tokenKind, input.NextToken);
    const page = input.AliasIds
      ? listRequestedAliases(ctx, input.AliasIds, input.ResourceId, position, limit)
      : scanAliases(ctx, input.ResourceId, position, limit);
    return {
      ConnectionAliases: page.items,
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, tokenKind, page.next) }),
    };
  },

  DeleteConnectionAlias(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const alias = requireOwnAlias(ctx, input.AliasId, 'delete it');
    requireCreated(alias);
    const association = associationOf(alias);
    if (association) {
      throw resourceAssociated(
        `The connection alias ${alias.AliasId} is associated with the directory ${association.ResourceId} of account ${association.AssociatedAccountId}. Disassociate it, and try again.`,
      );
    }
    if (alias.SharedAccountIds.length > 0) {
      throw invalidState(
        `The connection alias ${alias.AliasId} is shared with account ${alias.SharedAccountIds.join(', ')}. Unshare it, and try again.`,
      );
    }
    saveAlias(ctx, ctx.scope, merged(alias, { State: 'DELETING' as const }));
    ctx.engine.schedule(
      ctx.scope,
      ctx.now,
      durations.connectionAliasDelete,
      'connectionAliases.deleted',
      alias.AliasId,
    );
    return {};
  },

  AssociateConnectionAlias(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const { alias, owner, isOwner } = requireAlias(ctx, input.AliasId);
    requireCreated(alias);
    const directory = requireRegisteredDirectory(ctx, input.ResourceId);
    const existing = associationOf(alias);
    if (existing) {
      throw resourceAssociated(
        `The connection alias ${alias.AliasId} is already associated with a directory in this Region (${existing.ResourceId}). A connection alias can be associated with only one directory per Region.`,
      );
    }
    const ConnectionIdentifier = connectionIdentifier(ctx);
    const association: ConnectionAliasAssociation = {
      AssociationStatus: 'PENDING_ASSOCIATION',
      AssociatedAccountId: ctx.scope.account,
      ResourceId: directory.DirectoryId,
      ConnectionIdentifier,
    };
    saveAlias(
      ctx,
      owner,
      merged(alias, { Associations: [association], ...(isOwner && { DirectoryId: directory.DirectoryId }) }),
    );
    if (!isOwner) setSharedDirectory(ctx, ctx.scope, alias.AliasId, directory.DirectoryId);
    ctx.engine.schedule(
      owner,
      ctx.now,
      durations.connectionAliasAssociate,
      'connectionAliases.associated',
      alias.AliasId,
    );
    return { ConnectionIdentifier };
  },

  DisassociateConnectionAlias(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const { alias, owner } = requireAlias(ctx, input.AliasId);
    requireCreated(alias);
    const association = associationOf(alias);
    if (!association) {
      throw invalidState(`The connection alias ${alias.AliasId} is not associated with a directory.`);
    }
    if (association.AssociatedAccountId !== ctx.scope.account) {
      throw accessDenied(
        `The connection alias ${alias.AliasId} is associated with a directory of account ${association.AssociatedAccountId}; only that account can disassociate it.`,
      );
    }
    if (
      association.AssociationStatus === 'PENDING_ASSOCIATION' ||
      association.AssociationStatus === 'PENDING_DISASSOCIATION'
    ) {
      throw invalidState(
        `The association of the connection alias ${alias.AliasId} is ${association.AssociationStatus}. Wait until it completes, and try again.`,
      );
    }
    saveAlias(
      ctx,
      owner,
      merged(alias, { Associations: [merged(association, { AssociationStatus: 'PENDING_DISASSOCIATION' as const })] }),
    );
    ctx.engine.schedule(
      owner,
      ctx.now,
      durations.connectionAliasDisassociate,
      'connectionAliases.disassociated',
      alias.AliasId,
    );
    return {};
  },

  UpdateConnectionAliasPermission(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const alias = requireOwnAlias(ctx, input.AliasId, 'share or unshare it');
    requireCreated(alias);
    const { SharedAccountId: account, AllowAssociation: allow } = input.ConnectionAliasPermission;
    if (account === ctx.scope.account) {
      throw invalidParameter(
        `The connection alias ${alias.AliasId} is owned by account ${account}. Specify another account to share it with.`,
      );
    }
    saveAlias(ctx, ctx.scope, allow ? share(ctx, alias, account) : unshare(ctx, alias, account));
    return {};
  },

  DescribeConnectionAliasPermissions(input, ctx) {
    checkRegionSupported(ctx.scope.region);
    const alias = requireOwnAlias(ctx, input.AliasId, 'describe its permissions');
    const limit = input.MaxResults ?? DEFAULT_PAGE_SIZE;
    const start = decodeToken(ctx, PERMISSIONS_TOKEN, input.NextToken);
    const end = start + limit;
    return {
      AliasId: alias.AliasId,
      ConnectionAliasPermissions: alias.SharedAccountIds.slice(start, end).map((SharedAccountId) => ({
        SharedAccountId,
        AllowAssociation: true,
      })),
      ...(end < alias.SharedAccountIds.length && { NextToken: encodeToken(ctx, PERMISSIONS_TOKEN, end) }),
    };
  },
};

export const connectionAliasesFamily: Family = {
  handlers,
  transitions: {
    'connectionAliases.created'(tctx, aliasId) {
      const alias = aliases(tctx).get(tctx.scope, aliasId);
      if (alias?.State !== 'CREATING') return;
      saveAlias(tctx, tctx.scope, merged(alias, { State: 'CREATED' as const }));
    },
    /** The alias and its tags go; its connection string stays reserved for the account. */
    'connectionAliases.deleted'(tctx, aliasId) {
      const alias = aliases(tctx).get(tctx.scope, aliasId);
      if (alias?.State !== 'DELETING') return;
      aliases(tctx).delete(tctx.scope, aliasId);
      tctx.store.tags.removeAll(tctx.scope, aliasId);
      releaseRegion(tctx, alias);
    },
    'connectionAliases.associated'(tctx, aliasId) {
      const alias = aliases(tctx).get(tctx.scope, aliasId);
      const association = alias && associationOf(alias);
      if (!alias || association?.AssociationStatus !== 'PENDING_ASSOCIATION') return;
      saveAlias(
        tctx,
        tctx.scope,
        merged(alias, {
          Associations: [merged(association, { AssociationStatus: settledStatus(alias, association) })],
        }),
      );
    },
    /** The association is dropped rather than left as NOT_ASSOCIATED, so Associations is absent again. */
    'connectionAliases.disassociated'(tctx, aliasId) {
      const alias = aliases(tctx).get(tctx.scope, aliasId);
      const association = alias && associationOf(alias);
      if (!alias || association?.AssociationStatus !== 'PENDING_DISASSOCIATION') return;
      saveAlias(tctx, tctx.scope, withoutAssociation(alias));
      const holder = association.AssociatedAccountId;
      if (holder !== undefined && holder !== alias.OwnerAccountId) {
        setSharedDirectory(tctx, { account: holder, region: tctx.scope.region }, aliasId, undefined);
      }
    },
  },
};
