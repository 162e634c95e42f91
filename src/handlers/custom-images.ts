// The custom image import family: ImportCustomWorkspaceImage hands back an image id at once and builds the image
// through PENDING → IN_PROGRESS → COMPLETED; the WorkSpace image it makes is PENDING until then, then AVAILABLE.
import {
  builderInstanceId,
  type CustomImageImportRecord,
  importedOperatingSystem,
  importRequestProblem,
  isOwnArn,
  toWireImport,
} from '../domain/custom-image-import.js';
import { durations } from '../domain/durations.js';
import { checkByolImport, checkNewImage, importedImage } from '../domain/image-rules.js';
import type { TransitionApplier } from '../engine/engine.js';
import { invalidParameter, notFound } from '../errors.js';
import { merged } from '../objects.js';
import { images } from './lookups.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

type Ctx = Pick<RequestContext, 'scope' | 'store'>;

const BUILDING = 'custom-images.building';
const COMPLETED = 'custom-images.completed';

const imports = (ctx: Pick<RequestContext, 'store'>) =>
  ctx.store.collection<CustomImageImportRecord>('customimageimport');

/** The caller must own what Image Builder works with: an ARN of another account or Region is not found. */
function requireOwnArn(ctx: Ctx, arn: string, what: string): void {
  if (!isOwnArn(arn, ctx.scope)) throw notFound(what, arn);
}

/** When the running build is due to finish, for the progress estimate. */
function completesAt(ctx: Ctx, imageId: string): number | undefined {
  return ctx.store.transitions.pending(ctx.scope, imageId).find((t) => t.kind === COMPLETED)?.due;
}

const handlers: Handlers<'ImportCustomWorkspaceImage' | 'DescribeCustomWorkspaceImageImport'> = {
  ImportCustomWorkspaceImage(input, ctx) {
    const problem = importRequestProblem(input);
    if (problem) throw invalidParameter(problem);
    checkByolImport(ctx);
    requireOwnArn(ctx, input.InfrastructureConfigurationArn, 'infrastructure configuration');
    const buildVersion = input.ImageSource.ImageBuildVersionArn;
    if (buildVersion !== undefined) requireOwnArn(ctx, buildVersion, 'image build version');
    checkNewImage(images(ctx), ctx.scope, input.ImageName, ctx.config.quotas.images);
    const image = importedImage(ctx, {
      name: input.ImageName,
      description: input.ImageDescription,
      os: importedOperatingSystem(input.OsVersion),
    });
    const imageId = image.ImageId;
    images(ctx).put(ctx.scope, imageId, image);
    applyCreationTags(ctx, imageId, input.Tags);
    imports(ctx).put(ctx.scope, imageId, {
      ImageId: imageId,
      InfrastructureConfigurationArn: input.InfrastructureConfigurationArn,
      State: 'PENDING',
      Created: ctx.now,
      LastUpdatedTime: ctx.now,
      ImageSource: input.ImageSource,
      ComputeType: input.ComputeType,
      Protocol: input.Protocol,
      OsVersion: input.OsVersion,
    });
    ctx.engine.schedule(ctx.scope, ctx.now, durations.customImageQueued, BUILDING, imageId);
    return { ImageId: imageId, State: 'PENDING' };
  },

  DescribeCustomWorkspaceImageImport(input, ctx) {
    const record = imports(ctx).get(ctx.scope, input.ImageId);
    if (!record) throw notFound('image import', input.ImageId);
    return toWireImport(record, ctx.now, completesAt(ctx, record.ImageId));
  },
};

/** The queued import starts building on an EC2 Image Builder instance. */
const building: TransitionApplier = (tctx, imageId) => {
  const record = imports(tctx).get(tctx.scope, imageId);
  if (record?.State !== 'PENDING') return;
  imports(tctx).put(
    tctx.scope,
    imageId,
    merged(record, {
      State: 'IN_PROGRESS' as const,
      LastUpdatedTime: tctx.now,
      BuildStartedAt: tctx.now,
      ImageBuilderInstanceId: builderInstanceId(tctx.scope, imageId),
    }),
  );
  tctx.engine.schedule(tctx.scope, tctx.now, durations.customImageBuild, COMPLETED, imageId);
};

/** The import completes and its image becomes AVAILABLE (unless the image was deleted meanwhile). */
const completed: TransitionApplier = (tctx, imageId) => {
  const record = imports(tctx).get(tctx.scope, imageId);
  if (record?.State !== 'IN_PROGRESS') return;
  imports(tctx).put(tctx.scope, imageId, merged(record, { State: 'COMPLETED' as const, LastUpdatedTime: tctx.now }));
  const image = images(tctx).get(tctx.scope, imageId);
  if (image?.State === 'PENDING') images(tctx).put(tctx.scope, imageId, merged(image, { State: 'AVAILABLE' as const }));
};

export const customImagesFamily: Family = {
  handlers,
  transitions: { [BUILDING]: building, [COMPLETED]: completed },
};
