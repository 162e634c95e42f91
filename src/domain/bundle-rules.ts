// Pure rules for custom bundles: quota, owner filter, storage sizes, and the record → wire projection.
import type { WorkspaceBundle } from '../model/generated/types.js';
import { merged } from '../objects.js';
import { type BundleRecord, type ImageRecord, toDate } from './records.js';

/** DescribeWorkspaceBundles has no limit parameter; AWS pages its results, we use 25 a page. */
export const BUNDLE_PAGE_SIZE = 25;

/** Largest root or user volume a bundle may declare, in GB ([AG] create-custom-bundle). */
export const MAX_VOLUME_GIB = 2000;

/** The Owner filter value that selects the public catalog; AWS accepts any case (e.g. 'Amazon'). */
export const isAmazonOwner = (owner: string): boolean => owner.toUpperCase() === 'AMAZON';

export const isAccountId = (value: string): boolean => /^\d{12}$/.test(value);

export interface Volumes {
  root: number;
  user: number;
}

/** A Capacity string as whole GB, or undefined when it is not a positive integer. */
export function parseCapacity(capacity: string): number | undefined {
  if (!/^\d{1,6}$/.test(capacity)) return undefined;
  const gib = Number(capacity);
  return gib > 0 ? gib : undefined;
}

/** Why the requested volumes cannot hold the image, or undefined when they can. */
export function storageProblem(
  requested: Volumes,
  image: Pick<ImageRecord, 'RootVolumeSizeGib' | 'UserVolumeSizeGib'>,
) {
  if (requested.root < image.RootVolumeSizeGib || requested.root > MAX_VOLUME_GIB) {
    return `The root volume size must be between ${image.RootVolumeSizeGib} GB (the size of the image's root volume) and ${MAX_VOLUME_GIB} GB.`;
  }
  if (requested.user < image.UserVolumeSizeGib || requested.user > MAX_VOLUME_GIB) {
    return `The user volume size must be between ${image.UserVolumeSizeGib} GB (the size of the image's user volume) and ${MAX_VOLUME_GIB} GB.`;
  }
  return undefined;
}

/**
 * A bundle deleted while WorkSpaces use it "is placed in a delete queue and will be deleted after all WorkSpaces that
 * are based on the bundle have been deleted" [AG delete_bundle]; meanwhile nothing new may be built on it.
 */
export const isQueuedForDeletion = (bundle: BundleRecord): boolean => bundle.DeletionQueued === true;

export const queuedForDeletionMessage = (bundleId: string): string =>
  `The bundle ${bundleId} is queued for deletion: it is deleted once the last WorkSpace based on it is terminated, and it can no longer be used.`;

/** Timestamps as Dates; internal fields ride along but the serializer writes only the shape's members. */
export function toWireBundle(bundle: BundleRecord): WorkspaceBundle {
  return merged(bundle, { LastUpdatedTime: toDate(bundle.LastUpdatedTime), CreationTime: toDate(bundle.CreationTime) });
}
