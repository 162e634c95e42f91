// Rules for custom images: quota, unique names, OS family, when updates are offered, BYOL imports, wire shape.

import { alreadyExists, limitExceeded, operationNotSupported } from '../errors.js';
import type {
  Application,
  OperatingSystemName,
  UpdateResult,
  WorkspaceImage,
  WorkspaceImageIngestionProcess,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Collection, Scope } from '../store/types.js';
import { type AccountContext, isByolEnabled } from './account-settings.js';
import { osTypeOf } from './operating-systems.js';
import { OFFICE_2016_APPLICATION_ID, OFFICE_2019_APPLICATION_ID } from './public-bundles.js';
import { type ImageRecord, toDate } from './records.js';

/** Volumes of an imported BYOL image: the smallest regular bundle's, 80 GB root and 10 GB user. */
export const IMPORTED_VOLUMES = { root: 80, user: 10 } as const;

const DAY_MS = 86_400_000;

/** An image whose WorkSpaces components are this old (emulator time) reports that updates are available. */
const UPDATE_AGE_MS = 30 * DAY_MS;

/** Only these images can be updated programmatically (model doc of CreateUpdatedWorkspaceImage). */
const UPDATABLE: ReadonlySet<OperatingSystemName> = new Set([
  'WINDOWS_10',
  'WINDOWS_SERVER_2016',
  'WINDOWS_SERVER_2019',
]);

export const isUpdatable = (os: OperatingSystemName): boolean => UPDATABLE.has(os);

/** AWS refuses images of WorkSpaces launched from the retired public Windows 7 bundles ([AG]). */
export const canImageOperatingSystem = (os: OperatingSystemName): boolean => os !== 'WINDOWS_7';

export function hasUpdateAvailable(image: ImageRecord, now: number): boolean {
  return image.State === 'AVAILABLE' && isUpdatable(image.OperatingSystemName) && now - image.Created >= UPDATE_AGE_MS;
}

/** Updates is reported for images that can be updated at all; other images leave it out. */
function updatesOf(image: ImageRecord, now: number): UpdateResult | undefined {
  if (!isUpdatable(image.OperatingSystemName)) return undefined;
  return hasUpdateAvailable(image, now)
    ? { UpdateAvailable: true, Description: 'Updated drivers and WorkSpaces components are available for this image.' }
    : { UpdateAvailable: false };
}

export function toWireImage(image: ImageRecord, now: number): WorkspaceImage {
  const updates = updatesOf(image, now);
  return merged(image, {
    OperatingSystem: { Type: osTypeOf(image.OperatingSystemName) },
    Created: toDate(image.Created),
    ...(updates === undefined ? {} : { Updates: updates }),
  });
}

/** BYOL imports carry no OS in the request: an image named or described as Windows 11 is WINDOWS_11, else WINDOWS_10. */
export function importedOperatingSystem(name: string, description: string): OperatingSystemName {
  return /win(dows)?[ _.-]?11/i.test(`${name} ${description}`) ? 'WINDOWS_11' : 'WINDOWS_10';
}

export const officeApplicationId = (application: Application): string =>
  application === 'Microsoft_Office_2016' ? OFFICE_2016_APPLICATION_ID : OFFICE_2019_APPLICATION_ID;

/** Why Office cannot be subscribed for this import, or undefined (model doc of ImportWorkspaceImage Applications). */
export function importApplicationsProblem(
  applications: readonly Application[],
  os: OperatingSystemName,
  process: WorkspaceImageIngestionProcess,
): string | undefined {
  if (applications.length > 1) return 'Only one application can be specified for Applications.';
  const [application] = applications;
  if (application === undefined || os !== 'WINDOWS_11' || !process.endsWith('_WSP')) return undefined;
  if (process !== 'BYOL_REGULAR_WSP') return 'GPU DCV WorkSpaces with Windows 11 do not support Office installation.';
  if (application !== 'Microsoft_Office_2019') {
    return 'Non-GPU DCV WorkSpaces with Windows 11 support only Microsoft_Office_2019.';
  }
  return undefined;
}

/** Custom images and bundles need a name unique in the account and Region; bounded by the quotas, so a scan is cheap. */
export function isNameTaken<T extends { Name?: string }>(
  collection: Collection<T>,
  scope: Scope,
  name: string,
): boolean {
  for (let after = 0; ; ) {
    const { items, next } = collection.page(scope, after, 100);
    if (items.some((item) => item.Name === name)) return true;
    if (next === undefined) return false;
    after = next;
  }
}

/**
 * Name and quota of a new image in the caller's Region, in the order AWS reports them: every way of making an image
 * (create, copy, import, update, custom import) answers with these two errors.
 */
export function checkNewImage(collection: Collection<ImageRecord>, scope: Scope, name: string, quota: number): void {
  if (isNameTaken(collection, scope, name)) {
    throw alreadyExists(
      'A WorkSpace image with the same name exists in the destination Region. Provide a unique destination image name, and try again.',
    );
  }
  if (collection.count(scope) >= quota) {
    throw limitExceeded(`You have reached the limit of ${quota} WorkSpace images in this Region.`);
  }
}

/**
 * BYOL images are imported only into an account enabled for BYOL in that Region (its own, or a linked source's).
 * AWS's error for this is not public: OperationNotSupportedException is the modeled error that fits (chosen).
 */
export function checkByolImport(ctx: AccountContext): void {
  if (!isByolEnabled(ctx)) {
    throw operationNotSupported(
      `Account ${ctx.scope.account} is not enabled for BYOL in ${ctx.scope.region}. Enable BYOL with ModifyAccount before importing BYOL images.`,
    );
  }
}

/** A new BYOL image (ImportWorkspaceImage, ImportCustomWorkspaceImage), PENDING until its import finishes. */
export function importedImage(
  ctx: { scope: Scope; now: number; ids: { next(prefix: string): string } },
  fields: { name: string; description: string; os: OperatingSystemName },
): ImageRecord {
  return {
    ImageId: ctx.ids.next('wsi'),
    Name: fields.name,
    Description: fields.description,
    State: 'PENDING',
    // BYOL images run on dedicated hardware (model doc of RequiredTenancy).
    RequiredTenancy: 'DEDICATED',
    Created: ctx.now,
    OwnerAccountId: ctx.scope.account,
    OperatingSystemName: fields.os,
    RootVolumeSizeGib: IMPORTED_VOLUMES.root,
    UserVolumeSizeGib: IMPORTED_VOLUMES.user,
  };
}
