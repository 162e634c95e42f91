// The tags family: CreateTags, DeleteTags and DescribeTags on every taggable resource the caller owns.
//
// For other families: a create call that accepts `Tags` stores them with
//   applyCreationTags(ctx, resourceId, input.Tags)
// in the same request. It enforces the limits CreateTags does (50 tags per resource, reserved `aws:` prefix,
// allowed characters, no key twice) and throws InvalidParameterValuesException / ResourceLimitExceededException;
// the request's transaction then rolls the whole creation back. When a resource is deleted, drop its tags with
// ctx.store.tags.removeAll(ctx.scope, resourceId).

import { checkTagKeysToDelete, checkTagLimit, checkTags, taggableKindOf } from '../domain/tag-rules.js';
import { notFound } from '../errors.js';
import type { Tag } from '../store/types.js';
import type { Family, Handlers, RequestContext } from './types.js';

type TagContext = Pick<RequestContext, 'scope' | 'store' | 'config'>;

/** States in which a resource still shows in a describe for a moment but no longer exists for any action. */
const goneStates: ReadonlySet<unknown> = new Set(['TERMINATED', 'DEREGISTERED']);

/**
 * The resource must exist in the caller's account and Region. Images shared by another account and the
 * AMAZON public bundles belong to someone else, so they are not found here.
 */
function requireTaggable(ctx: TagContext, resourceId: string): void {
  const taggable = taggableKindOf(resourceId);
  if (!taggable) throw notFound('resource', resourceId);
  const doc = ctx.store.collection<{ State?: unknown }>(taggable.kind).get(ctx.scope, resourceId);
  if (!doc || goneStates.has(doc.State)) throw notFound(taggable.noun, resourceId);
}

function writeTags(ctx: TagContext, resourceId: string, tags: readonly Tag[]): void {
  checkTags(tags);
  checkTagLimit(resourceId, ctx.store.tags.get(ctx.scope, resourceId), tags, ctx.config.quotas['tags-per-resource']);
  ctx.store.tags.put(ctx.scope, resourceId, tags);
}

/** Tags given to a create call; the resource is the caller's own and has just been written. */
export function applyCreationTags(ctx: TagContext, resourceId: string, tags: readonly Tag[] | undefined): void {
  if (tags === undefined || tags.length === 0) return;
  writeTags(ctx, resourceId, tags);
}

const handlers: Handlers<'CreateTags' | 'DeleteTags' | 'DescribeTags'> = {
  CreateTags(input, ctx) {
    requireTaggable(ctx, input.ResourceId);
    writeTags(ctx, input.ResourceId, input.Tags);
    return {};
  },

  DeleteTags(input, ctx) {
    requireTaggable(ctx, input.ResourceId);
    checkTagKeysToDelete(input.TagKeys);
    ctx.store.tags.remove(ctx.scope, input.ResourceId, input.TagKeys);
    return {};
  },

  DescribeTags(input, ctx) {
    requireTaggable(ctx, input.ResourceId);
    return { TagList: ctx.store.tags.get(ctx.scope, input.ResourceId) };
  },
};

export const tagsFamily: Family = {
  handlers,
  transitions: {},
};
