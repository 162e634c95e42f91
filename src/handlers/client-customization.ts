// The client customization family: a directory's client branding per device type and its Amazon Connect client
// add-in. Both belong to one registration of the directory: after it is deregistered and registered again, they are gone.
import {
  type BrandingRecord,
  checkImport,
  importedDeviceTypes,
  toStoredBranding,
  toWireBranding,
  toWireBrandingSet,
} from '../domain/client-branding.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import type { DirectoryRecord } from '../domain/records.js';
import { alreadyExists, notFound } from '../errors.js';
import type { ConnectClientAddIn, ImportClientBrandingResult } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Page } from '../store/types.js';
import { requireDirectory } from './lookups.js';
import type { Family, Handlers, RequestContext } from './types.js';

type StoreContext = Pick<RequestContext, 'scope' | 'store'>;

interface AddInRecord {
  AddInId: string;
  /** Indexed, so a directory's add-ins are found without a scan. */
  DirectoryId: string;
  RegisteredAt: number;
  Name: string;
  URL: string;
}

/** DescribeConnectClientAddIns without MaxResults: the model's maximum. */
const DEFAULT_PAGE_SIZE = 25;

const brandings = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<BrandingRecord>('branding');
const addIns = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<AddInRecord>('addin');

/** Documents left from an earlier registration of the same directory id do not count. */
const belongsTo = (directory: DirectoryRecord) => (doc: { RegisteredAt: number }) =>
  doc.RegisteredAt === directory.RegisteredAt;

function currentBranding(ctx: StoreContext, directory: DirectoryRecord): BrandingRecord {
  const stored = brandings(ctx).get(ctx.scope, directory.DirectoryId);
  return stored && belongsTo(directory)(stored)
    ? stored
    : { DirectoryId: directory.DirectoryId, RegisteredAt: directory.RegisteredAt, deviceTypes: {} };
}

/** The directory's add-ins from `after` until `limit`, reading only as many documents as are still missing. */
function scanAddIns(ctx: StoreContext, directory: DirectoryRecord, after: number, limit: number): Page<AddInRecord> {
  const items: AddInRecord[] = [];
  let position = after;
  for (;;) {
    const page = addIns(ctx).findBy(ctx.scope, 'DirectoryId', directory.DirectoryId, position, limit - items.length);
    items.push(...page.items.filter(belongsTo(directory)));
    if (page.next === undefined) return { items, next: undefined };
    position = page.next;
    if (items.length === limit) return { items, next: position };
  }
}

function requireAddIn(ctx: StoreContext, directory: DirectoryRecord, addInId: string): AddInRecord {
  const addIn = addIns(ctx).get(ctx.scope, addInId);
  if (!addIn || addIn.DirectoryId !== directory.DirectoryId || !belongsTo(directory)(addIn)) {
    throw notFound('client add-in', addInId);
  }
  return addIn;
}

const toWireAddIn = (addIn: AddInRecord): ConnectClientAddIn => ({
  AddInId: addIn.AddInId,
  ResourceId: addIn.DirectoryId,
  Name: addIn.Name,
  URL: addIn.URL,
});

const handlers: Handlers<
  | 'ImportClientBranding'
  | 'DescribeClientBranding'
  | 'DeleteClientBranding'
  | 'CreateConnectClientAddIn'
  | 'DescribeConnectClientAddIns'
  | 'UpdateConnectClientAddIn'
  | 'DeleteConnectClientAddIn'
> = {
  ImportClientBranding(input, ctx) {
    const imported = importedDeviceTypes(input);
    checkImport(imported);
    const directory = requireDirectory(ctx, input.ResourceId);
    const branding = currentBranding(ctx, directory);
    const result: ImportClientBrandingResult = {};
    for (const [type, attributes] of imported) {
      const stored = toStoredBranding(ctx.scope, directory.DirectoryId, type, attributes);
      branding.deviceTypes[type] = stored;
      result[type] = toWireBranding(stored);
    }
    brandings(ctx).put(ctx.scope, directory.DirectoryId, branding);
    return result;
  },

  DescribeClientBranding(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    return toWireBrandingSet(currentBranding(ctx, directory).deviceTypes);
  },

  DeleteClientBranding(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    const branding = currentBranding(ctx, directory);
    for (const type of input.Platforms) delete branding.deviceTypes[type];
    if (Object.keys(branding.deviceTypes).length === 0) brandings(ctx).delete(ctx.scope, directory.DirectoryId);
    else brandings(ctx).put(ctx.scope, directory.DirectoryId, branding);
    return {};
  },

  CreateConnectClientAddIn(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    const [existing] = scanAddIns(ctx, directory, 0, 1).items;
    if (existing) {
      throw alreadyExists(
        `You can create only one Amazon Connect client add-in within a directory; ${directory.DirectoryId} already has ${existing.AddInId}.`,
      );
    }
    const addIn: AddInRecord = {
      AddInId: ctx.ids.uuid(),
      DirectoryId: directory.DirectoryId,
      RegisteredAt: directory.RegisteredAt,
      Name: input.Name,
      URL: input.URL,
    };
    addIns(ctx).put(ctx.scope, addIn.AddInId, addIn);
    return { AddInId: addIn.AddInId };
  },

  DescribeConnectClientAddIns(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    const start = decodeToken(ctx, 'DescribeConnectClientAddIns', input.NextToken);
    const page = scanAddIns(ctx, directory, start, input.MaxResults ?? DEFAULT_PAGE_SIZE);
    return {
      AddIns: page.items.map(toWireAddIn),
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, 'DescribeConnectClientAddIns', page.next) }),
    };
  },

  UpdateConnectClientAddIn(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    const addIn = requireAddIn(ctx, directory, input.AddInId);
    addIns(ctx).put(
      ctx.scope,
      addIn.AddInId,
      merged(addIn, { Name: input.Name ?? addIn.Name, URL: input.URL ?? addIn.URL }),
    );
    return {};
  },

  DeleteConnectClientAddIn(input, ctx) {
    const directory = requireDirectory(ctx, input.ResourceId);
    const addIn = requireAddIn(ctx, directory, input.AddInId);
    addIns(ctx).delete(ctx.scope, addIn.AddInId);
    return {};
  },
};

export const clientCustomizationFamily: Family = {
  handlers,
  transitions: {},
};
