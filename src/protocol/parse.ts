// Reads the request body as JSON. An empty body counts as {} (SDKs send {} but the protocol allows nothing).
import { serializationError } from '../errors.js';
import { depthExceededAt, MAX_JSON_DEPTH } from './json-depth.js';

export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  // Before the parse, which is before the signature: the depth is bounded for anyone.
  if (depthExceededAt(body) >= 0) {
    throw serializationError(`JSON nesting depth exceeds the limit of ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw serializationError();
  }
}
