// Finding resources the caller may see, shared by every family. requireX throws ResourceNotFoundException.

import { findPublicBundle } from '../domain/public-bundles.js';
import type { BundleRecord, DirectoryRecord, ImageRecord, WorkspaceRecord } from '../domain/records.js';
import { notFound } from '../errors.js';
import type { Scope } from '../store/types.js';
import type { RequestContext } from './types.js';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;

export const directories = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<DirectoryRecord>('directory');
export const workspaces = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<WorkspaceRecord>('workspace');
export const bundles = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<BundleRecord>('bundle');
export const images = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<ImageRecord>('image');

export function requireDirectory(ctx: Ctx, directoryId: string): DirectoryRecord {
  const directory = directories(ctx).get(ctx.scope, directoryId);
  if (!directory || directory.State === 'DEREGISTERED') throw notFound('directory', directoryId);
  return directory;
}

/** TERMINATED WorkSpaces still show in DescribeWorkspaces for a while but cannot be acted on. */
export function requireWorkspace(ctx: Ctx, workspaceId: string): WorkspaceRecord {
  const workspace = workspaces(ctx).get(ctx.scope, workspaceId);
  if (!workspace || workspace.State === 'TERMINATED') throw notFound('WorkSpace', workspaceId);
  return workspace;
}

/** A bundle of the caller's own, or one of the AMAZON public bundles. */
export function findBundle(ctx: Ctx, bundleId: string): BundleRecord | undefined {
  return findPublicBundle(bundleId) ?? bundles(ctx).get(ctx.scope, bundleId);
}

export function requireBundle(ctx: Ctx, bundleId: string): BundleRecord {
  const bundle = findBundle(ctx, bundleId);
  if (!bundle) throw notFound('bundle', bundleId);
  return bundle;
}

export interface VisibleImage {
  image: ImageRecord;
  /** Where the image lives: the caller's scope, or the owner's when it is shared with the caller. */
  owner: Scope;
  shared: boolean;
}

/** An image the caller owns, or one another account in the same Region shared with it. */
export function findImage(ctx: Ctx, imageId: string): VisibleImage | undefined {
  const own = images(ctx).get(ctx.scope, imageId);
  if (own) return { image: own, owner: ctx.scope, shared: false };
  for (const grant of ctx.store.imagePermissions.sharedWith(ctx.scope)) {
    if (grant.imageId !== imageId) continue;
    const owner = { account: grant.owner, region: ctx.scope.region };
    const image = images(ctx).get(owner, imageId);
    if (image) return { image, owner, shared: true };
  }
  return undefined;
}

export function requireImage(ctx: Ctx, imageId: string): VisibleImage {
  const found = findImage(ctx, imageId);
  if (!found) throw notFound('image', imageId);
  return found;
}
