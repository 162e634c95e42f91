// The bundles family: the AMAZON public catalog plus the caller's custom bundles, built from images it owns or that
// another account shared with it. Custom bundles are PENDING for durations.bundleCreate, then AVAILABLE; an image
// swap (UpdateWorkspaceBundle) is PENDING for as long, then AVAILABLE with the new image.
import {
  BUNDLE_PAGE_SIZE,
  isAccountId,
  isAmazonOwner,
  isQueuedForDeletion,
  parseCapacity,
  queuedForDeletionMessage,
  storageProblem,
  toWireBundle,
  type Volumes,
} from '../domain/bundle-rules.js';
import { durations } from '../domain/durations.js';
import { isNameTaken } from '../domain/image-rules.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import { publicBundles } from '../domain/public-bundles.js';
import type { BundleRecord, ImageRecord } from '../domain/records.js';
import type { TransitionContext } from '../engine/engine.js';
import {
  accessDenied,
  alreadyExists,
  invalidParameter,
  limitExceeded,
  notFound,
  resourceUnavailable,
  ServiceError,
} from '../errors.js';
import { takeTransitionFault } from '../faults/transitions.js';
import type {
  CreateWorkspaceBundleRequest,
  DescribeWorkspaceBundlesResult,
  WorkspaceBundle,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import { bundles, findBundle, images, requireImage, workspaces } from './lookups.js';
import { clearAssociations, copyInstalledApplications, type ResourceRef } from './propagation.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

const DESCRIBE = 'DescribeWorkspaceBundles';
/** Each listing has its own token tag, so a token from one listing is refused by another. */
const PUBLIC_LISTING = `${DESCRIBE}/AMAZON`;
const ID_LISTING = `${DESCRIBE}/BundleIds`;

interface BundlePage {
  Bundles: WorkspaceBundle[];
  NextToken?: string;
}

function pageOf(
  ctx: RequestContext,
  items: readonly BundleRecord[],
  next: number | undefined,
  tag: string,
): BundlePage {
  const page: BundlePage = { Bundles: items.map(toWireBundle) };
  if (next !== undefined) page.NextToken = encodeToken(ctx, tag, next);
  return page;
}

/** Slices an in-memory list the way the store pages a collection: `after` items skipped, `next` when more follow. */
function sliceAfter<T>(items: readonly T[], after: number): { items: T[]; next: number | undefined } {
  const end = after + BUNDLE_PAGE_SIZE;
  return { items: items.slice(after, end), next: end < items.length ? end : undefined };
}

function describeByIds(ctx: RequestContext, bundleIds: readonly string[], token: string | undefined): BundlePage {
  const after = decodeToken(ctx, ID_LISTING, token);
  const found = [...new Set(bundleIds)].flatMap((id) => findBundle(ctx, id) ?? []);
  const { items, next } = sliceAfter(found, after);
  return pageOf(ctx, items, next, ID_LISTING);
}

function describePublic(ctx: RequestContext, token: string | undefined): BundlePage {
  const { items, next } = sliceAfter(publicBundles, decodeToken(ctx, PUBLIC_LISTING, token));
  return pageOf(ctx, items, next, PUBLIC_LISTING);
}

function describeOwn(ctx: RequestContext, token: string | undefined): BundlePage {
  const { items, next } = bundles(ctx).page(ctx.scope, decodeToken(ctx, DESCRIBE, token), BUNDLE_PAGE_SIZE);
  return pageOf(ctx, items, next, DESCRIBE);
}

/** The storage a new bundle asks for; RootStorage defaults to the image's root volume. */
function requestedVolumes(input: CreateWorkspaceBundleRequest, image: ImageRecord): Volumes {
  const user = parseCapacity(input.UserStorage.Capacity);
  if (user === undefined)
    throw invalidParameter(`The UserStorage capacity ${input.UserStorage.Capacity} is not valid.`);
  if (input.RootStorage === undefined) return { root: image.RootVolumeSizeGib, user };
  const root = parseCapacity(input.RootStorage.Capacity);
  if (root === undefined)
    throw invalidParameter(`The RootStorage capacity ${input.RootStorage.Capacity} is not valid.`);
  return { root, user };
}

/**
 * An AVAILABLE image the caller owns. "If images are shared with you, you can copy them. You can then use your copies
 * of the shared images to create bundles" [AG share-custom-image]: a shared image must be copied first.
 */
function requireAvailableImage(ctx: RequestContext, imageId: string) {
  const found = requireImage(ctx, imageId);
  if (found.shared) {
    throw invalidParameter(
      `The image ${imageId} is shared with your account by account ${found.owner.account}; bundles can be created only from images you own. Copy the image with CopyWorkspaceImage, and use your copy.`,
    );
  }
  if (found.image.State !== 'AVAILABLE') {
    throw resourceUnavailable(
      `The image ${imageId} is not available. Wait until its state is AVAILABLE and try again.`,
      imageId,
    );
  }
  return found;
}

/** A custom bundle of the caller's; AMAZON bundles are visible to everyone but belong to no caller. */
function requireOwnBundle(ctx: RequestContext, bundleId: string | undefined, action: string): BundleRecord {
  if (bundleId === undefined) throw invalidParameter('The BundleId parameter is required.');
  const bundle = findBundle(ctx, bundleId);
  if (!bundle) throw notFound('bundle', bundleId);
  if (bundle.Owner !== ctx.scope.account)
    throw accessDenied(`The bundle ${bundleId} is owned by Amazon and cannot be ${action}.`);
  return bundle;
}

/** Any WorkSpace launched from the bundle that is not TERMINATED (those vanish shortly) keeps it in use. */
function isBundleInUse(ctx: Pick<RequestContext, 'scope' | 'store'>, bundleId: string): boolean {
  for (let after = 0; ; ) {
    const { items, next } = workspaces(ctx).findBy(ctx.scope, 'BundleId', bundleId, after, 25);
    if (items.some((w) => w.State !== 'TERMINATED')) return true;
    if (next === undefined) return false;
    after = next;
  }
}

/** A WorkSpaces Pool keeps its bundle in use until the pool is gone (pool records carry BundleId, indexed). */
const isBundleUsedByPool = (ctx: RequestContext, bundleId: string): boolean =>
  ctx.store.collection('pool').countBy(ctx.scope, 'BundleId', bundleId) > 0;

const bundleRef = (ctx: Pick<RequestContext, 'scope'>, bundleId: string): ResourceRef => ({
  scope: ctx.scope,
  type: 'BUNDLE',
  id: bundleId,
});

/** With eventual consistency, a bundle created moments ago is not returned yet (src/faults/consistency.ts). */
function visibleNow(ctx: RequestContext, out: DescribeWorkspaceBundlesResult): DescribeWorkspaceBundlesResult {
  const Bundles = ctx.consistency.visible(
    out.Bundles ?? [],
    (bundle) => bundle.CreationTime,
    () => ctx.now,
  );
  return merged(out, { Bundles });
}

const handlers: Handlers<
  'DescribeWorkspaceBundles' | 'CreateWorkspaceBundle' | 'UpdateWorkspaceBundle' | 'DeleteWorkspaceBundle'
> = {
  DescribeWorkspaceBundles(input, ctx) {
    const { BundleIds: ids, Owner: owner, NextToken: token } = input;
    if (ids !== undefined && owner !== undefined) {
      throw invalidParameter(
        'An invalid number of parameters provided with DescribeWorkspaceBundles. Only one of the following are allowed to be specified: BundleIds, Owner.',
      );
    }
    if (ids !== undefined) return visibleNow(ctx, describeByIds(ctx, ids, token));
    if (owner === undefined || owner === ctx.scope.account) return visibleNow(ctx, describeOwn(ctx, token));
    if (isAmazonOwner(owner)) return describePublic(ctx, token);
    if (!isAccountId(owner))
      throw invalidParameter(`The Owner ${owner} is not valid. Specify AMAZON or an AWS account ID.`);
    // Custom bundles are never shared: another account's bundles are not listed.
    decodeToken(ctx, DESCRIBE, token);
    return { Bundles: [] };
  },

  CreateWorkspaceBundle(input, ctx) {
    const { image, owner } = requireAvailableImage(ctx, input.ImageId);
    const volumes = requestedVolumes(input, image);
    const problem = storageProblem(volumes, image);
    if (problem) throw invalidParameter(problem);
    if (input.ComputeType.Name === undefined) throw invalidParameter('The ComputeType name is required.');
    if (isNameTaken(bundles(ctx), ctx.scope, input.BundleName)) {
      throw alreadyExists(
        `A WorkSpace bundle with the name ${input.BundleName} already exists. Specify a unique name and try again.`,
      );
    }
    const quota = ctx.config.quotas.bundles;
    if (bundles(ctx).count(ctx.scope) >= quota) {
      throw limitExceeded(`You have reached the limit of ${quota} custom WorkSpace bundles in this Region.`);
    }
    const bundle: BundleRecord = {
      BundleId: ctx.ids.next('wsb'),
      Name: input.BundleName,
      Owner: ctx.scope.account,
      Description: input.BundleDescription,
      ImageId: image.ImageId,
      RootStorage: { Capacity: String(volumes.root) },
      UserStorage: { Capacity: String(volumes.user) },
      ComputeType: { Name: input.ComputeType.Name },
      CreationTime: ctx.now,
      LastUpdatedTime: ctx.now,
      State: 'PENDING',
      BundleType: 'REGULAR',
      OperatingSystemName: image.OperatingSystemName,
    };
    bundles(ctx).put(ctx.scope, bundle.BundleId, bundle);
    applyCreationTags(ctx, bundle.BundleId, input.Tags);
    copyInstalledApplications(ctx, { scope: owner, type: 'IMAGE', id: image.ImageId }, bundleRef(ctx, bundle.BundleId));
    ctx.engine.schedule(ctx.scope, ctx.now, durations.bundleCreate, 'bundles.available', bundle.BundleId);
    return { WorkspaceBundle: toWireBundle(bundle) };
  },

  UpdateWorkspaceBundle(input, ctx) {
    const bundle = requireOwnBundle(ctx, input.BundleId, 'updated');
    if (isQueuedForDeletion(bundle))
      throw resourceUnavailable(queuedForDeletionMessage(bundle.BundleId), bundle.BundleId);
    if (bundle.State === 'PENDING') {
      throw resourceUnavailable(
        `The bundle ${bundle.BundleId} is PENDING. Wait until it is AVAILABLE, and try again.`,
        bundle.BundleId,
      );
    }
    if (input.ImageId === undefined) throw invalidParameter('The ImageId parameter is required.');
    const { image } = requireAvailableImage(ctx, input.ImageId);
    const problem = storageProblem(
      { root: Number(bundle.RootStorage?.Capacity), user: Number(bundle.UserStorage?.Capacity) },
      image,
    );
    if (problem) throw invalidParameter(`The image ${image.ImageId} does not fit the bundle. ${problem}`);
    // The bundle keeps its current image while the swap applies; bundleUpdated puts the new one in.
    bundles(ctx).put(ctx.scope, bundle.BundleId, merged(bundle, { State: 'PENDING' as const }));
    const payload: UpdatePayload = { imageId: image.ImageId };
    ctx.engine.schedule(ctx.scope, ctx.now, durations.bundleCreate, 'bundles.updated', bundle.BundleId, payload);
    return {};
  },

  DeleteWorkspaceBundle(input, ctx) {
    const bundle = requireOwnBundle(ctx, input.BundleId, 'deleted');
    if (isBundleUsedByPool(ctx, bundle.BundleId)) {
      throw new ServiceError(
        'ResourceAssociatedException',
        `The bundle ${bundle.BundleId} is used by one or more WorkSpaces Pools. Terminate the pools or update them to use another bundle, and try again.`,
      );
    }
    if (isBundleInUse(ctx, bundle.BundleId)) {
      if (!isQueuedForDeletion(bundle)) bundles(ctx).put(ctx.scope, bundle.BundleId, merged(bundle, QUEUED));
      return {};
    }
    deleteBundle(ctx, bundle.BundleId);
    return {};
  },
};

const QUEUED = { DeletionQueued: true } as const;

type StoreCtx = Pick<RequestContext, 'scope' | 'store' | 'now'>;

function deleteBundle(ctx: StoreCtx, bundleId: string): void {
  bundles(ctx).delete(ctx.scope, bundleId);
  ctx.store.transitions.cancel(ctx.scope, bundleId);
  ctx.store.tags.removeAll(ctx.scope, bundleId);
  clearAssociations(ctx, bundleRef(ctx, bundleId));
}

/** Called when a WorkSpace is terminated: a bundle in the delete queue goes once no WorkSpace is based on it. */
export function releaseQueuedBundle(ctx: StoreCtx, bundleId: string): void {
  const bundle = bundles(ctx).get(ctx.scope, bundleId);
  if (bundle && isQueuedForDeletion(bundle) && !isBundleInUse(ctx, bundleId)) deleteBundle(ctx, bundleId);
}

/** A new custom bundle becomes AVAILABLE; a bundle deleted meanwhile is simply gone. */
function bundleAvailable(tctx: TransitionContext, bundleId: string): void {
  const bundle = bundles(tctx).get(tctx.scope, bundleId);
  if (bundle?.State !== 'PENDING') return;
  const scope = tctx.scope;
  const fault = takeTransitionFault(tctx.store, tctx.now, {
    resource: 'bundle',
    transition: 'create',
    scope,
    id: bundleId,
  });
  bundles(tctx).put(scope, bundleId, merged(bundle, { State: fault ? ('ERROR' as const) : ('AVAILABLE' as const) }));
}

/** What an image swap applies when it ends. */
interface UpdatePayload {
  imageId: string;
}

/**
 * An image swap ends: the bundle takes the new image's id, OS and applications and is AVAILABLE again. It fails, and
 * the bundle keeps its previous image in ERROR, when a fault says so or when the new image was deleted meanwhile.
 * Existing WorkSpaces keep what they have; only new launches (and rebuilds) see the new image.
 */
function bundleUpdated(tctx: TransitionContext, bundleId: string, payload: unknown): void {
  const bundle = bundles(tctx).get(tctx.scope, bundleId);
  if (bundle?.State !== 'PENDING') return;
  const { imageId } = payload as UpdatePayload;
  const image = images(tctx).get(tctx.scope, imageId);
  const target = { resource: 'bundle', transition: 'update', scope: tctx.scope, id: bundleId } as const;
  if (image?.State !== 'AVAILABLE' || takeTransitionFault(tctx.store, tctx.now, target)) {
    bundles(tctx).put(tctx.scope, bundleId, merged(bundle, { State: 'ERROR' as const }));
    return;
  }
  const updated: BundleRecord = merged(bundle, {
    State: 'AVAILABLE' as const,
    ImageId: image.ImageId,
    OperatingSystemName: image.OperatingSystemName,
    LastUpdatedTime: tctx.now,
  });
  bundles(tctx).put(tctx.scope, bundleId, updated);
  copyInstalledApplications(tctx, { scope: tctx.scope, type: 'IMAGE', id: imageId }, bundleRef(tctx, bundleId));
}

export const bundlesFamily: Family = {
  handlers,
  transitions: { 'bundles.available': bundleAvailable, 'bundles.updated': bundleUpdated },
};
