// The images family: custom images made from a WorkSpace, copied between Regions, imported (BYOL) or updated, and
// shared with other accounts of the same Region. New images are PENDING until a transition makes them AVAILABLE.
import { isByolEnabled } from '../domain/account-settings.js';
import { durations } from '../domain/durations.js';
import {
  canImageOperatingSystem,
  checkByolImport,
  checkNewImage,
  hasUpdateAvailable,
  importApplicationsProblem,
  importedImage,
  importedOperatingSystem,
  isUpdatable,
  officeApplicationId,
  toWireImage,
} from '../domain/image-rules.js';
import { osTypeOf } from '../domain/operating-systems.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import { type ImageRecord, toDate, type WorkspaceRecord } from '../domain/records.js';
import type { TransitionContext } from '../engine/engine.js';
import {
  accessDenied,
  invalidNextToken,
  invalidParameter,
  invalidState,
  notFound,
  operationNotSupported,
  resourceUnavailable,
  ServiceError,
} from '../errors.js';
import type { TransitionFault } from '../faults/records.js';
import { failureDefaults, takeTransitionFault, type transitionTable } from '../faults/transitions.js';
import type { ImageType, Tag, WorkspaceImage, WorkspaceImageErrorDetailCode } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope } from '../store/types.js';
import {
  bundles,
  directories,
  findBundle,
  findImage,
  images,
  requireImage,
  requireWorkspace,
  workspaces,
} from './lookups.js';
import {
  clearAssociations,
  copyInstalledApplications,
  type ResourceRef,
  setInstalledApplications,
} from './propagation.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

const DEFAULT_PAGE_SIZE = 25;
const AVAILABLE = 'images.available';

const imageRef = (scope: Scope, imageId: string): ResourceRef => ({ scope, type: 'IMAGE', id: imageId });

// ---- listing ---------------------------------------------------------------------------------------------------

const DESCRIBE = 'DescribeWorkspaceImages';
const ID_LISTING = `${DESCRIBE}/ImageIds`;
/** OWNED images are listed first, then SHARED ones; a token remembers which part it continues. */
const phaseTag = (phase: ImageType) => `${DESCRIBE}/${phase}`;

interface Cursor {
  phase: ImageType;
  after: number;
}

function decodeCursor(ctx: RequestContext, phases: readonly ImageType[], token: string | undefined): Cursor {
  const [first = 'OWNED'] = phases;
  if (token === undefined) return { phase: first, after: 0 };
  for (const phase of phases) {
    try {
      return { phase, after: decodeToken(ctx, phaseTag(phase), token) };
    } catch {
      // Not a token of this part of the listing; it may belong to the next one.
    }
  }
  throw invalidNextToken();
}

interface Slice {
  items: ImageRecord[];
  next: number | undefined;
}

function ownedSlice(ctx: RequestContext, after: number, limit: number): Slice {
  return images(ctx).page(ctx.scope, after, limit);
}

/** Grants are a cheap index lookup; only the page's images are read from their owners. */
function sharedSlice(ctx: RequestContext, after: number, limit: number): Slice {
  const grants = ctx.store.imagePermissions.sharedWith(ctx.scope);
  const end = after + limit;
  const items = grants.slice(after, end).flatMap((grant) => {
    const owner = { account: grant.owner, region: ctx.scope.region };
    return images(ctx).get(owner, grant.imageId) ?? [];
  });
  return { items, next: end < grants.length ? end : undefined };
}

function hasAny(ctx: RequestContext, phase: ImageType): boolean {
  return phase === 'OWNED'
    ? images(ctx).count(ctx.scope) > 0
    : ctx.store.imagePermissions.sharedWith(ctx.scope).length > 0;
}

interface ImagePage {
  Images: WorkspaceImage[];
  NextToken?: string;
}

function describeAll(ctx: RequestContext, phases: readonly ImageType[], limit: number, token: string | undefined) {
  const cursor = decodeCursor(ctx, phases, token);
  const found: ImageRecord[] = [];
  const page = (nextToken?: string): ImagePage => ({
    Images: found.map((image) => toWireImage(image, ctx.now)),
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
  });
  for (let i = phases.indexOf(cursor.phase); i < phases.length; i++) {
    const phase = phases[i] ?? 'OWNED';
    const after = phase === cursor.phase ? cursor.after : 0;
    const slice =
      phase === 'OWNED' ? ownedSlice(ctx, after, limit - found.length) : sharedSlice(ctx, after, limit - found.length);
    found.push(...slice.items);
    if (slice.next !== undefined) return page(encodeToken(ctx, phaseTag(phase), slice.next));
    if (found.length >= limit) {
      const following = phases.slice(i + 1).find((p) => hasAny(ctx, p));
      return page(following === undefined ? undefined : encodeToken(ctx, phaseTag(following), 0));
    }
  }
  return page();
}

function describeByIds(
  ctx: RequestContext,
  imageIds: readonly string[],
  phases: readonly ImageType[],
  limit: number,
  token: string | undefined,
): ImagePage {
  const after = decodeToken(ctx, ID_LISTING, token);
  const visible = [...new Set(imageIds)]
    .flatMap((id) => findImage(ctx, id) ?? [])
    .filter((found) => phases.includes(found.shared ? 'SHARED' : 'OWNED'));
  const end = after + limit;
  return {
    Images: visible.slice(after, end).map((found) => toWireImage(found.image, ctx.now)),
    ...(end < visible.length ? { NextToken: encodeToken(ctx, ID_LISTING, end) } : {}),
  };
}

// ---- shared checks -----------------------------------------------------------------------------------------------

/** An image of the caller's own; one shared with it may be read and copied but not changed. */
function requireOwnImage(ctx: RequestContext, imageId: string, action: string): ImageRecord {
  const found = requireImage(ctx, imageId);
  if (found.shared) throw notOwner(found.image, action);
  return found.image;
}

/**
 * "You can share BYOL images only with accounts that are enabled for BYOL" [AG share-custom-image]: the account
 * must be enabled in the image's Region, on its own or as a linked target of a BYOL source account.
 */
function checkByolRecipient(ctx: RequestContext, image: ImageRecord, account: string): void {
  if (image.RequiredTenancy !== 'DEDICATED') return;
  const recipient = { store: ctx.store, scope: { account, region: ctx.scope.region } };
  if (isByolEnabled(recipient)) return;
  throw invalidParameter(
    `The image ${image.ImageId} is a BYOL image and can be shared only with accounts enabled for BYOL. Account ${account} is not enabled for BYOL in ${ctx.scope.region}.`,
  );
}

const notOwner = (image: ImageRecord, action: string) =>
  accessDenied(`The image ${image.ImageId} is owned by account ${image.OwnerAccountId}; only its owner can ${action}.`);

/** Stores a new PENDING image with its tags and schedules it to become AVAILABLE. */
function createImage(
  ctx: RequestContext,
  image: ImageRecord,
  tags: Tag[] | undefined,
  durationMs: number,
  payload?: AvailablePayload,
): void {
  images(ctx).put(ctx.scope, image.ImageId, image);
  applyCreationTags(ctx, image.ImageId, tags);
  ctx.engine.schedule(ctx.scope, ctx.now, durationMs, AVAILABLE, image.ImageId, payload);
}

/** A new image that takes its OS, volumes, tenancy and applications from an existing one. */
function deriveImage(
  ctx: RequestContext,
  image: ImageRecord,
  fields: { Name: string; Description?: string },
): ImageRecord {
  return {
    ImageId: ctx.ids.next('wsi'),
    Name: fields.Name,
    ...(fields.Description === undefined ? {} : { Description: fields.Description }),
    State: 'PENDING',
    ...(image.RequiredTenancy === undefined ? {} : { RequiredTenancy: image.RequiredTenancy }),
    Created: ctx.now,
    OwnerAccountId: ctx.scope.account,
    OperatingSystemName: image.OperatingSystemName,
    RootVolumeSizeGib: image.RootVolumeSizeGib,
    UserVolumeSizeGib: image.UserVolumeSizeGib,
  };
}

// ---- CreateWorkspaceImage ----------------------------------------------------------------------------------------

const isModifying = (workspace: WorkspaceRecord): boolean =>
  (workspace.ModificationStates ?? []).some((m) => m.State === 'UPDATE_INITIATED' || m.State === 'UPDATE_IN_PROGRESS');

function checkImageSource(workspace: WorkspaceRecord, os: ImageRecord['OperatingSystemName']): void {
  if (workspace.State !== 'AVAILABLE') {
    throw invalidState(
      `The WorkSpace ${workspace.WorkspaceId} is ${workspace.State}. An image can only be created from an AVAILABLE WorkSpace.`,
    );
  }
  if (isModifying(workspace)) {
    throw invalidState(
      'The properties of this WorkSpace are currently under modification. Please try again in a moment.',
    );
  }
  if (workspace.RootVolumeEncryptionEnabled || workspace.UserVolumeEncryptionEnabled) {
    throw operationNotSupported('Images cannot be created from WorkSpaces with encrypted volumes.');
  }
  if (!canImageOperatingSystem(os)) {
    throw operationNotSupported(`Images cannot be created from WorkSpaces running ${os}.`);
  }
}

/** What the image records of its WorkSpace: OS and volumes from WorkspaceProperties, else from the bundle. */
function imageFromWorkspace(ctx: RequestContext, workspace: WorkspaceRecord): Omit<ImageRecord, 'ImageId' | 'Name'> {
  const bundle = findBundle(ctx, workspace.BundleId);
  const props = workspace.WorkspaceProperties ?? {};
  const dedicated = directories(ctx).get(ctx.scope, workspace.DirectoryId)?.Tenancy === 'DEDICATED';
  return {
    State: 'PENDING',
    RequiredTenancy: dedicated ? 'DEDICATED' : 'DEFAULT',
    Created: ctx.now,
    OwnerAccountId: ctx.scope.account,
    OperatingSystemName: props.OperatingSystemName ?? bundle?.OperatingSystemName ?? 'UNKNOWN',
    RootVolumeSizeGib: props.RootVolumeSizeGib ?? Number(bundle?.RootStorage?.Capacity ?? 80),
    UserVolumeSizeGib: props.UserVolumeSizeGib ?? Number(bundle?.UserStorage?.Capacity ?? 10),
  };
}

// ---- handlers ----------------------------------------------------------------------------------------------------

type ImageOperation =
  | 'DescribeWorkspaceImages'
  | 'CreateWorkspaceImage'
  | 'DeleteWorkspaceImage'
  | 'CopyWorkspaceImage'
  | 'ImportWorkspaceImage'
  | 'CreateUpdatedWorkspaceImage'
  | 'UpdateWorkspaceImagePermission'
  | 'DescribeWorkspaceImagePermissions';

const handlers: Handlers<ImageOperation> = {
  DescribeWorkspaceImages(input, ctx) {
    const phases: ImageType[] = input.ImageType === undefined ? ['OWNED', 'SHARED'] : [input.ImageType];
    const limit = input.MaxResults ?? DEFAULT_PAGE_SIZE;
    const out =
      input.ImageIds === undefined
        ? describeAll(ctx, phases, limit, input.NextToken)
        : describeByIds(ctx, input.ImageIds, phases, limit, input.NextToken);
    // With eventual consistency, an image created moments ago is not returned yet (src/faults/consistency.ts).
    const Images = ctx.consistency.visible(
      out.Images ?? [],
      (image) => image.Created,
      () => ctx.now,
    );
    return merged(out, { Images });
  },

  CreateWorkspaceImage(input, ctx) {
    const workspace = requireWorkspace(ctx, input.WorkspaceId);
    const fromWorkspace = imageFromWorkspace(ctx, workspace);
    checkImageSource(workspace, fromWorkspace.OperatingSystemName);
    checkNewImage(images(ctx), ctx.scope, input.Name, ctx.config.quotas.images);
    const image: ImageRecord = {
      ImageId: ctx.ids.next('wsi'),
      Name: input.Name,
      Description: input.Description,
      ...fromWorkspace,
    };
    createImage(ctx, image, input.Tags, durations.imageCreate, {
      workspaceId: workspace.WorkspaceId,
      transition: 'create',
    });
    copyInstalledApplications(
      ctx,
      { scope: ctx.scope, type: 'WORKSPACE', id: workspace.WorkspaceId },
      imageRef(ctx.scope, image.ImageId),
    );
    // The WorkSpace is unavailable to its user while it is imaged ([AG] create-custom-bundle).
    workspaces(ctx).put(
      ctx.scope,
      workspace.WorkspaceId,
      merged(workspace, { State: 'SUSPENDED' as const, ResumeState: 'AVAILABLE' as const }),
    );
    return {
      ImageId: image.ImageId,
      Name: image.Name,
      Description: input.Description,
      OperatingSystem: { Type: osTypeOf(image.OperatingSystemName) },
      State: image.State,
      ...(image.RequiredTenancy === undefined ? {} : { RequiredTenancy: image.RequiredTenancy }),
      Created: toDate(image.Created),
      OwnerAccountId: image.OwnerAccountId,
    };
  },

  DeleteWorkspaceImage(input, ctx) {
    const image = images(ctx).get(ctx.scope, input.ImageId);
    if (!image) {
      const shared = findImage(ctx, input.ImageId);
      if (shared) throw notOwner(shared.image, 'delete it');
      // The model lists no ResourceNotFoundException: an unknown id counts as already deleted.
      return {};
    }
    if (image.State === 'PENDING') {
      throw invalidState(`The image ${image.ImageId} is PENDING. Wait until it is AVAILABLE or ERROR, and try again.`);
    }
    if (bundles(ctx).findBy(ctx.scope, 'ImageId', image.ImageId, 0, 1).items.length > 0) {
      throw new ServiceError(
        'ResourceAssociatedException',
        `The image ${image.ImageId} is used by one or more bundles. Delete the bundles that use it, and try again.`,
      );
    }
    if (ctx.store.imagePermissions.accountsFor(ctx.scope, image.ImageId).length > 0) {
      throw new ServiceError(
        'ResourceAssociatedException',
        `The image ${image.ImageId} is shared with other accounts. Unshare it from every account, and try again.`,
      );
    }
    images(ctx).delete(ctx.scope, image.ImageId);
    ctx.store.transitions.cancel(ctx.scope, image.ImageId);
    ctx.store.tags.removeAll(ctx.scope, image.ImageId);
    ctx.store.imagePermissions.removeAll(ctx.scope, image.ImageId);
    clearAssociations(ctx, imageRef(ctx.scope, image.ImageId));
    return {};
  },

  CopyWorkspaceImage(input, ctx) {
    const sourceScope = { account: ctx.scope.account, region: input.SourceRegion };
    const source = findImage({ scope: sourceScope, store: ctx.store }, input.SourceImageId);
    if (!source) throw notFound('image', input.SourceImageId);
    if (source.image.State !== 'AVAILABLE') {
      throw resourceUnavailable(
        `The image ${input.SourceImageId} is not available. Wait until its state is AVAILABLE and try again.`,
        input.SourceImageId,
      );
    }
    checkNewImage(images(ctx), ctx.scope, input.Name, ctx.config.quotas.images);
    const description = input.Description ?? source.image.Description;
    const image = deriveImage(ctx, source.image, {
      Name: input.Name,
      ...(description === undefined ? {} : { Description: description }),
    });
    createImage(ctx, image, input.Tags, durations.imageCopy, { transition: 'copy' });
    copyInstalledApplications(ctx, imageRef(source.owner, source.image.ImageId), imageRef(ctx.scope, image.ImageId));
    return { ImageId: image.ImageId };
  },

  ImportWorkspaceImage(input, ctx) {
    const os = importedOperatingSystem(input.ImageName, input.ImageDescription);
    const applications = input.Applications ?? [];
    const problem = importApplicationsProblem(applications, os, input.IngestionProcess);
    if (problem) throw invalidParameter(problem);
    checkByolImport(ctx);
    checkNewImage(images(ctx), ctx.scope, input.ImageName, ctx.config.quotas.images);
    const image = importedImage(ctx, { name: input.ImageName, description: input.ImageDescription, os });
    createImage(ctx, image, input.Tags, durations.imageImport, { transition: 'import' });
    setInstalledApplications(ctx, imageRef(ctx.scope, image.ImageId), applications.map(officeApplicationId));
    return { ImageId: image.ImageId };
  },

  CreateUpdatedWorkspaceImage(input, ctx) {
    const source = requireOwnImage(ctx, input.SourceImageId, 'update it');
    if (source.State !== 'AVAILABLE') {
      throw invalidState(`The image ${source.ImageId} is ${source.State}. Only an AVAILABLE image can be updated.`);
    }
    if (!isUpdatable(source.OperatingSystemName)) {
      throw operationNotSupported(
        'Only Windows 10, Windows Server 2016, and Windows Server 2019 WorkSpace images can be programmatically updated at this time.',
      );
    }
    if (!hasUpdateAvailable(source, ctx.now)) {
      throw invalidState(`The image ${source.ImageId} has no updates available.`);
    }
    checkNewImage(images(ctx), ctx.scope, input.Name, ctx.config.quotas.images);
    const image = deriveImage(ctx, source, { Name: input.Name, Description: input.Description });
    createImage(ctx, image, input.Tags, durations.imageCreate, { transition: 'update' });
    copyInstalledApplications(ctx, imageRef(ctx.scope, source.ImageId), imageRef(ctx.scope, image.ImageId));
    return { ImageId: image.ImageId };
  },

  UpdateWorkspaceImagePermission(input, ctx) {
    const image = requireOwnImage(ctx, input.ImageId, 'share it');
    const { SharedAccountId: account } = input;
    if (account === ctx.scope.account) {
      throw invalidParameter('An image cannot be shared with the account that owns it.');
    }
    if (input.AllowCopyImage) {
      if (image.State !== 'AVAILABLE') {
        throw resourceUnavailable(
          `The image ${image.ImageId} is ${image.State}. Only an AVAILABLE image can be shared.`,
          image.ImageId,
        );
      }
      checkByolRecipient(ctx, image, account);
      ctx.store.imagePermissions.grant(ctx.scope, image.ImageId, account);
      return {};
    }
    if (!ctx.store.imagePermissions.isSharedWith(ctx.scope, image.ImageId, account)) {
      throw invalidParameter(
        `The image ${image.ImageId} is not shared with account ${account}. The permission can be revoked only after the image has been shared.`,
      );
    }
    ctx.store.imagePermissions.revoke(ctx.scope, image.ImageId, account);
    return {};
  },

  DescribeWorkspaceImagePermissions(input, ctx) {
    const image = requireOwnImage(ctx, input.ImageId, 'describe its permissions');
    const op = 'DescribeWorkspaceImagePermissions';
    const after = decodeToken(ctx, op, input.NextToken);
    const end = after + (input.MaxResults ?? DEFAULT_PAGE_SIZE);
    const accounts = ctx.store.imagePermissions.accountsFor(ctx.scope, image.ImageId);
    return {
      ImageId: image.ImageId,
      ImagePermissions: accounts.slice(after, end).map((SharedAccountId) => ({ SharedAccountId })),
      ...(end < accounts.length ? { NextToken: encodeToken(ctx, op, end) } : {}),
    };
  },
};

// ---- transitions -------------------------------------------------------------------------------------------------

interface AvailablePayload {
  /** The WorkSpace an image is made from: SUSPENDED until the image is done. */
  workspaceId?: string;
  /** Which change makes the image, for transition faults (absent on transitions stored before they existed). */
  transition?: keyof typeof transitionTable.image;
}

/** The image as a fault leaves it: ERROR with the model's ErrorCode, ErrorMessage and ErrorDetails filled. */
function failedImage(image: ImageRecord, fault: TransitionFault): ImageRecord {
  const defaults = failureDefaults.image;
  const details = fault.errorDetails ?? defaults.errorDetails;
  return merged(image, {
    State: 'ERROR' as const,
    ErrorCode: fault.errorCode ?? defaults.errorCode,
    ErrorMessage: fault.errorMessage ?? defaults.errorMessage,
    ErrorDetails: details.map((code) => ({
      ErrorCode: code as WorkspaceImageErrorDetailCode,
      ErrorMessage: `The image failed the ${code} check.`,
    })),
  });
}

/** Gives the imaged WorkSpace back its state from before; one terminated or changed meanwhile is left alone. */
function resumeWorkspace(tctx: TransitionContext, workspaceId: string): void {
  const workspace = workspaces(tctx).get(tctx.scope, workspaceId);
  if (workspace?.State !== 'SUSPENDED') return;
  const { ResumeState, ...rest } = workspace;
  workspaces(tctx).put(tctx.scope, workspaceId, merged(rest, { State: ResumeState ?? 'AVAILABLE' }));
}

function imageAvailable(tctx: TransitionContext, imageId: string, payload: unknown): void {
  const image = images(tctx).get(tctx.scope, imageId);
  const { workspaceId, transition } = (payload ?? {}) as AvailablePayload;
  if (image?.State === 'PENDING') {
    const scope = tctx.scope;
    const fault =
      transition && takeTransitionFault(tctx.store, tctx.now, { resource: 'image', transition, scope, id: imageId });
    images(tctx).put(
      scope,
      imageId,
      fault ? failedImage(image, fault) : merged(image, { State: 'AVAILABLE' as const }),
    );
  }
  if (workspaceId !== undefined) resumeWorkspace(tctx, workspaceId);
}

export const imagesFamily: Family = {
  handlers,
  transitions: { [AVAILABLE]: imageAvailable },
};
