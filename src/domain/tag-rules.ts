// Tagging rules: which resource an id names, and the limits every tag write obeys (AWS tagging conventions).
import { invalidParameter, limitExceeded } from '../errors.js';
import type { ResourceKind, Tag } from '../store/types.js';

export interface TaggableKind {
  kind: ResourceKind;
  /** How error messages name the resource. */
  noun: string;
}

/** Id prefixes of the taggable kinds; ids are the plain resource ids, never ARNs. */
const taggableByPrefix: Readonly<Record<string, TaggableKind>> = {
  ws: { kind: 'workspace', noun: 'WorkSpace' },
  d: { kind: 'directory', noun: 'directory' },
  wsd: { kind: 'directory', noun: 'directory' },
  wsi: { kind: 'image', noun: 'image' },
  wsb: { kind: 'bundle', noun: 'bundle' },
  wsipg: { kind: 'ipgroup', noun: 'IP access control group' },
  wsca: { kind: 'connectionalias', noun: 'connection alias' },
  wspool: { kind: 'pool', noun: 'WorkSpaces pool' },
};

export function taggableKindOf(resourceId: string): TaggableKind | undefined {
  const dash = resourceId.indexOf('-');
  return dash > 0 ? taggableByPrefix[resourceId.slice(0, dash)] : undefined;
}

/** Letters, digits, spaces and `+ - = . _ : / @`, as the Administration Guide lists them. */
const allowedCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** "Do not use aws: in tag names or values; it is reserved for AWS use" [AG tag-workspaces-resources]; any case. */
function isReserved(text: string): boolean {
  return text.toLowerCase().startsWith('aws:');
}

function checkKey(key: string): void {
  if (isReserved(key)) {
    throw invalidParameter(`The tag key '${key}' uses the reserved prefix 'aws:'. Choose another key, and try again.`);
  }
  if (!allowedCharacters.test(key)) {
    throw invalidParameter(
      `The tag key '${key}' contains characters that are not allowed. Use letters, numbers, spaces, and + - = . _ : / @.`,
    );
  }
}

function checkValue(tag: Tag): void {
  if (tag.Value !== undefined && isReserved(tag.Value)) {
    throw invalidParameter(
      `The value of tag '${tag.Key}' uses the reserved prefix 'aws:'. Choose another value, and try again.`,
    );
  }
  if (tag.Value !== undefined && !allowedCharacters.test(tag.Value)) {
    throw invalidParameter(
      `The value of tag '${tag.Key}' contains characters that are not allowed. Use letters, numbers, spaces, and + - = . _ : / @.`,
    );
  }
}

/** Keys are case-sensitive; one request may name a key only once. */
export function checkTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    checkKey(tag.Key);
    checkValue(tag);
    if (seen.has(tag.Key)) throw invalidParameter(`The tag key '${tag.Key}' appears more than once in the request.`);
    seen.add(tag.Key);
  }
}

export function checkTagKeysToDelete(keys: readonly string[]): void {
  for (const key of keys) {
    if (isReserved(key)) {
      throw invalidParameter(`The tag key '${key}' uses the reserved prefix 'aws:' and cannot be deleted.`);
    }
  }
}

/** Writing an existing key overwrites it, so only new keys count toward the limit. */
export function checkTagLimit(
  resourceId: string,
  existing: readonly Tag[],
  added: readonly Tag[],
  maxTags: number,
): void {
  const keys = new Set(existing.map((t) => t.Key));
  for (const tag of added) keys.add(tag.Key);
  if (keys.size > maxTags) {
    throw limitExceeded(
      `The resource ${resourceId} would have ${keys.size} tags; a resource can have at most ${maxTags} tags.`,
    );
  }
}
