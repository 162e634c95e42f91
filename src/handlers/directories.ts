// The directories family: registering directories with WorkSpaces, listing them, and changing their settings.
// The emulator plays AWS Directory Service: a declared directory (src/domain/directory-service.ts) is what the test
// made it; any other `d-` id names an existing, Active Simple AD.

import { isByolEnabled } from '../domain/account-settings.js';
import {
  type ConnectionAliasRecord,
  type SharedAliasRecord,
  sharedAliasScope,
} from '../domain/connection-alias-rules.js';
import {
  buildDirectory,
  DEFAULT_CLIENT_PROPERTIES,
  type DirectoryOrigin,
  registrationCode,
  type StoredDirectory,
} from '../domain/directory-record.js';
import {
  DEFAULT_ROLE_NAME,
  type DeclaredDirectory,
  directoryServiceDirectory,
  hasDefaultRole,
} from '../domain/directory-service.js';
import {
  checkRegistration,
  checkSelfserviceAllowed,
  mergeCertificateBasedAuthProperties,
  mergeClientProperties,
  mergeCreationProperties,
  mergeSamlProperties,
} from '../domain/directory-settings.js';
import { durations } from '../domain/durations.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import {
  alreadyExists,
  defaultRoleNotFound,
  invalidParameter,
  invalidState,
  limitExceeded,
  notFound,
  operationNotSupported,
} from '../errors.js';
import { failureDefaults, takeTransitionFault } from '../faults/transitions.js';
import type {
  DescribeWorkspaceDirectoriesRequest,
  RegisterWorkspaceDirectoryRequest,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Page } from '../store/types.js';
import { workspaces } from './lookups.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

/** Page size of DescribeWorkspaceDirectories when the caller gives no Limit (the model's maximum). */
const DEFAULT_PAGE_SIZE = 25;

type StoreContext = Pick<RequestContext, 'scope' | 'store'>;

const storedDirectories = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<StoredDirectory>('directory');

function requireStoredDirectory(ctx: StoreContext, directoryId: string): StoredDirectory {
  const directory = storedDirectories(ctx).get(ctx.scope, directoryId);
  if (!directory || directory.State === 'DEREGISTERED') throw notFound('directory', directoryId);
  return directory;
}

function saveDirectory(ctx: StoreContext, directory: StoredDirectory): void {
  storedDirectories(ctx).put(ctx.scope, directory.DirectoryId, directory);
}

/** Six random characters for a registration code; randomness comes from the id generator, as everywhere. */
function registrationSuffix(ctx: RequestContext): string {
  return ctx.ids.next('rc').slice(3, 9);
}

/** Which directory a registration names, refusing one that is registered already or still going away. */
function resolveOrigin(ctx: RequestContext, input: RegisterWorkspaceDirectoryRequest): DirectoryOrigin {
  const directoryId = input.DirectoryId;
  if (directoryId === undefined) return { directoryId: ctx.ids.next('wsd') };
  const existing = storedDirectories(ctx).get(ctx.scope, directoryId);
  if (existing?.State === 'DEREGISTERING') {
    throw invalidState(`The directory ${directoryId} is being deregistered. Wait until it is gone, and try again.`);
  }
  if (existing && existing.State !== 'DEREGISTERED') {
    throw alreadyExists(`The directory ${directoryId} is already registered with Amazon WorkSpaces.`);
  }
  // `wsd-` ids are issued by WorkSpaces itself; they never name a Directory Service directory.
  if (directoryId.startsWith('wsd-')) throw notFound('directory', directoryId);
  return { directoryId, service: directoryServiceDirectory(ctx.store, ctx.scope, directoryId) };
}

/**
 * Only an Active directory registers (model doc of DirectoryId; AWS's wording quoted in
 * hashicorp/terraform-provider-aws#18352), and never a shared one ([AG] manage-workspaces-directory).
 */
function checkDirectoryService(service: DeclaredDirectory): void {
  if (service.Stage !== 'Active') {
    throw invalidState(
      'The specified directory is not in a valid state. Confirm that the directory has a status of Active, and try again.',
    );
  }
  if (service.Type === 'SHARED_MICROSOFT_AD') {
    throw operationNotSupported(
      `The directory ${service.DirectoryId} is a shared directory. Shared directories are not supported for use with Amazon WorkSpaces.`,
    );
  }
}

/** Registration assumes workspaces_DefaultRole (model doc of RegisterWorkspaceDirectory). */
function checkDefaultRole(ctx: StoreContext): void {
  if (!hasDefaultRole(ctx.store, ctx.scope.account)) throw defaultRoleNotFound(DEFAULT_ROLE_NAME);
}

/** Model doc of Tenancy: DEDICATED needs an account enabled for BYOL, else InvalidParameterValuesException. */
function checkTenancy(ctx: StoreContext, input: RegisterWorkspaceDirectoryRequest): void {
  if (input.Tenancy === 'DEDICATED' && !isByolEnabled(ctx)) {
    throw invalidParameter(
      `Tenancy DEDICATED requires an account enabled for BYOL, and account ${ctx.scope.account} is not enabled for BYOL in ${ctx.scope.region}. Enable BYOL with ModifyAccount, and try again.`,
    );
  }
}

function checkDirectoryQuota(ctx: Pick<RequestContext, 'scope' | 'store' | 'config'>): void {
  const quota = ctx.config.quotas.directories;
  if (storedDirectories(ctx).count(ctx.scope) >= quota) {
    throw limitExceeded(
      `You have already registered the maximum of ${quota} directories. Deregister directories that you are not using for WorkSpaces, and try again.`,
    );
  }
}

type DirectoryFilter = (directory: StoredDirectory) => boolean;

/** WorkspaceDirectoryNames and Filters narrow the listing; every condition must hold. */
function directoryFilter(input: DescribeWorkspaceDirectoriesRequest): DirectoryFilter {
  const names = input.WorkspaceDirectoryNames;
  const filters = input.Filters ?? [];
  return (directory) => {
    if (directory.State === 'DEREGISTERED') return false;
    if (names && !names.includes(directory.WorkspaceDirectoryName ?? '')) return false;
    return filters.every((filter) => {
      const value =
        filter.Name === 'USER_IDENTITY_TYPE'
          ? (directory.UserIdentityType ?? 'AWS_DIRECTORY_SERVICE')
          : (directory.WorkspaceType ?? 'PERSONAL');
      return filter.Values.includes(value);
    });
  };
}

/**
 * Walks the scope in registration order from `after` until `limit` directories match. Each read asks only for
 * as many documents as are still missing, so a page never overshoots and `next` is exactly where to resume.
 */
function scanDirectories(
  ctx: StoreContext,
  keep: DirectoryFilter,
  after: number,
  limit: number,
): Page<StoredDirectory> {
  const items: StoredDirectory[] = [];
  let position = after;
  for (;;) {
    const page = storedDirectories(ctx).page(ctx.scope, position, limit - items.length);
    items.push(...page.items.filter(keep));
    if (page.next === undefined) return { items, next: undefined };
    position = page.next;
    if (items.length === limit) return { items, next: position };
  }
}

/** With DirectoryIds the position is an index into the (de-duplicated) list; unknown ids are left out. */
function listRequestedDirectories(
  ctx: StoreContext,
  ids: readonly string[],
  keep: DirectoryFilter,
  start: number,
  limit: number,
): Page<StoredDirectory> {
  const unique = [...new Set(ids)];
  const end = start + limit;
  const items = unique
    .slice(start, end)
    .map((id) => storedDirectories(ctx).get(ctx.scope, id))
    .filter((d): d is StoredDirectory => d !== undefined && keep(d));
  return { items, next: end < unique.length ? end : undefined };
}

/** A token from the id-list mode is refused by the scan mode and the other way round. */
const SCAN_TOKEN = 'DescribeWorkspaceDirectories';
const IDS_TOKEN = 'DescribeWorkspaceDirectories#DirectoryIds';

/** WorkSpaces that are not TERMINATED keep their directory in use; terminated ones only linger in listings. */
function hasLiveWorkspaces(ctx: StoreContext, directoryId: string): boolean {
  let after = 0;
  for (;;) {
    const page = workspaces(ctx).findBy(ctx.scope, 'DirectoryId', directoryId, after, DEFAULT_PAGE_SIZE);
    if (page.items.some((w) => w.State !== 'TERMINATED')) return true;
    if (page.next === undefined) return false;
    after = page.next;
  }
}

/**
 * Whether a connection alias is associated with the directory (in any association state). The owner's alias record
 * carries DirectoryId while its own directory holds it; an alias shared with this account is marked in the record
 * kept beside the account's scope, which is trusted only while the owner's record still names this directory.
 */
function hasAssociatedAlias(ctx: StoreContext, directoryId: string): boolean {
  if (ctx.store.collection('connectionalias').countBy(ctx.scope, 'DirectoryId', directoryId) > 0) return true;
  const sharedScope = sharedAliasScope(ctx.scope);
  const shared = ctx.store.collection<SharedAliasRecord>('connectionalias');
  for (let after = 0; ; ) {
    const page = shared.findBy(sharedScope, 'DirectoryId', directoryId, after, DEFAULT_PAGE_SIZE);
    if (page.items.some((record) => isHeldByOwnerRecord(ctx, record, directoryId))) return true;
    if (page.next === undefined) return false;
    after = page.next;
  }
}

function isHeldByOwnerRecord(ctx: StoreContext, record: SharedAliasRecord, directoryId: string): boolean {
  const owner = { account: record.OwnerAccountId, region: ctx.scope.region };
  const alias = ctx.store.collection<ConnectionAliasRecord>('connectionalias').get(owner, record.AliasId);
  const association = alias?.Associations?.[0];
  return association?.AssociatedAccountId === ctx.scope.account && association.ResourceId === directoryId;
}

function checkNotInUse(ctx: StoreContext, directoryId: string): void {
  if (hasLiveWorkspaces(ctx, directoryId)) {
    throw operationNotSupported(
      `The directory ${directoryId} cannot be deregistered because WorkSpaces are registered to it. Terminate them, and try again.`,
    );
  }
  if (ctx.store.collection('pool').countBy(ctx.scope, 'DirectoryId', directoryId) > 0) {
    throw operationNotSupported(
      `The directory ${directoryId} cannot be deregistered because a WorkSpaces pool uses it. Delete the pool, and try again.`,
    );
  }
  if (hasAssociatedAlias(ctx, directoryId)) {
    throw operationNotSupported(
      `The directory ${directoryId} cannot be deregistered because a connection alias is associated with it. Disassociate the connection alias, and try again.`,
    );
  }
}

/**
 * Branding (one document keyed by the directory id) and Amazon Connect add-ins (indexed by DirectoryId) belong to
 * one registration (src/handlers/client-customization.ts); they go with it rather than linger.
 */
function deleteClientCustomization(ctx: StoreContext, directoryId: string): void {
  ctx.store.collection('branding').delete(ctx.scope, directoryId);
  const addIns = ctx.store.collection<{ AddInId: string }>('addin');
  const ids: string[] = [];
  for (let after = 0; ; ) {
    const page = addIns.findBy(ctx.scope, 'DirectoryId', directoryId, after, DEFAULT_PAGE_SIZE);
    ids.push(...page.items.map((addIn) => addIn.AddInId));
    if (page.next === undefined) break;
    after = page.next;
  }
  for (const id of ids) addIns.delete(ctx.scope, id);
}

const handlers: Handlers<
  | 'RegisterWorkspaceDirectory'
  | 'DescribeWorkspaceDirectories'
  | 'DeregisterWorkspaceDirectory'
  | 'ModifyWorkspaceCreationProperties'
  | 'ModifySelfservicePermissions'
  | 'ModifyWorkspaceAccessProperties'
  | 'DescribeClientProperties'
  | 'ModifyClientProperties'
  | 'ModifySamlProperties'
  | 'ModifyCertificateBasedAuthProperties'
  | 'ModifyStreamingProperties'
  | 'ModifyEndpointEncryptionMode'
> = {
  RegisterWorkspaceDirectory(input, ctx) {
    checkRegistration(input);
    checkTenancy(ctx, input);
    const origin = resolveOrigin(ctx, input);
    if (origin.service) checkDirectoryService(origin.service);
    checkDefaultRole(ctx);
    checkDirectoryQuota(ctx);
    const directory = buildDirectory({
      scope: ctx.scope,
      origin,
      input,
      registrationCode: registrationCode(ctx.scope.region, registrationSuffix(ctx)),
      now: ctx.now,
    });
    saveDirectory(ctx, directory);
    applyCreationTags(ctx, directory.DirectoryId, input.Tags);
    ctx.engine.schedule(
      ctx.scope,
      ctx.now,
      durations.directoryRegister,
      'directories.registered',
      directory.DirectoryId,
    );
    return { DirectoryId: directory.DirectoryId, State: directory.State };
  },

  DescribeWorkspaceDirectories(input, ctx) {
    const limit = input.Limit ?? DEFAULT_PAGE_SIZE;
    const keep = directoryFilter(input);
    const tokenKind = input.DirectoryIds ? IDS_TOKEN : SCAN_TOKEN;
    const position = decodeToken(ctx, tokenKind, input.NextToken);
    const page = input.DirectoryIds
      ? listRequestedDirectories(ctx, input.DirectoryIds, keep, position, limit)
      : scanDirectories(ctx, keep, position, limit);
    return {
      Directories: page.items,
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, tokenKind, page.next) }),
    };
  },

  DeregisterWorkspaceDirectory(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.DirectoryId);
    if (directory.State === 'REGISTERING' || directory.State === 'DEREGISTERING') {
      throw invalidState(
        `The directory ${directory.DirectoryId} is ${directory.State}. Wait until the current operation completes, and try again.`,
      );
    }
    checkNotInUse(ctx, directory.DirectoryId);
    saveDirectory(ctx, merged(directory, { State: 'DEREGISTERING' as const }));
    ctx.engine.schedule(
      ctx.scope,
      ctx.now,
      durations.directoryDeregister,
      'directories.deregistered',
      directory.DirectoryId,
    );
    return {};
  },

  ModifyWorkspaceCreationProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const properties = mergeCreationProperties(directory, input.WorkspaceCreationProperties);
    saveDirectory(ctx, merged(directory, { WorkspaceCreationProperties: properties }));
    return {};
  },

  ModifySelfservicePermissions(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    checkSelfserviceAllowed(directory);
    const permissions = merged(directory.SelfservicePermissions ?? {}, input.SelfservicePermissions);
    saveDirectory(ctx, merged(directory, { SelfservicePermissions: permissions }));
    return {};
  },

  ModifyWorkspaceAccessProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const properties = merged(directory.WorkspaceAccessProperties ?? {}, input.WorkspaceAccessProperties);
    saveDirectory(ctx, merged(directory, { WorkspaceAccessProperties: properties }));
    return {};
  },

  DescribeClientProperties(input, ctx) {
    const ids = [...new Set(input.ResourceIds)];
    return {
      ClientPropertiesList: ids.map((id) => ({
        ResourceId: id,
        ClientProperties: requireStoredDirectory(ctx, id).ClientProperties ?? DEFAULT_CLIENT_PROPERTIES,
      })),
    };
  },

  ModifyClientProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const current = directory.ClientProperties ?? DEFAULT_CLIENT_PROPERTIES;
    saveDirectory(ctx, merged(directory, { ClientProperties: mergeClientProperties(current, input.ClientProperties) }));
    return {};
  },

  ModifySamlProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const properties = mergeSamlProperties(directory.SamlProperties, input.SamlProperties, input.PropertiesToDelete);
    saveDirectory(ctx, merged(directory, { SamlProperties: properties }));
    return {};
  },

  ModifyCertificateBasedAuthProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const properties = mergeCertificateBasedAuthProperties(
      directory,
      input.CertificateBasedAuthProperties,
      input.PropertiesToDelete,
    );
    saveDirectory(ctx, merged(directory, { CertificateBasedAuthProperties: properties }));
    return {};
  },

  ModifyStreamingProperties(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.ResourceId);
    const properties = merged(directory.StreamingProperties ?? {}, input.StreamingProperties ?? {});
    saveDirectory(ctx, merged(directory, { StreamingProperties: properties }));
    return {};
  },

  ModifyEndpointEncryptionMode(input, ctx) {
    const directory = requireStoredDirectory(ctx, input.DirectoryId);
    saveDirectory(ctx, merged(directory, { EndpointEncryptionMode: input.EndpointEncryptionMode }));
    return {};
  },
};

export const directoriesFamily: Family = {
  handlers,
  transitions: {
    'directories.registered'(tctx, directoryId) {
      const directory = storedDirectories(tctx).get(tctx.scope, directoryId);
      if (directory?.State !== 'REGISTERING') return;
      const scope = tctx.scope;
      const target = { resource: 'directory' as const, transition: 'register' as const, scope, id: directoryId };
      const fault = takeTransitionFault(tctx.store, tctx.now, target);
      const ErrorMessage = fault?.errorMessage ?? failureDefaults.directory.errorMessage;
      saveDirectory(
        tctx,
        merged(directory, fault ? { State: 'ERROR' as const, ErrorMessage } : { State: 'REGISTERED' as const }),
      );
    },
    /** DEREGISTERED shows "very briefly" on AWS; here the directory goes with its tags and client customization. */
    'directories.deregistered'(tctx, directoryId) {
      const directory = storedDirectories(tctx).get(tctx.scope, directoryId);
      if (directory?.State !== 'DEREGISTERING') return;
      storedDirectories(tctx).delete(tctx.scope, directoryId);
      tctx.store.tags.removeAll(tctx.scope, directoryId);
      deleteClientCustomization(tctx, directoryId);
    },
  },
};
