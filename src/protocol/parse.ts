// Reads the request body as JSON. An empty body counts as {} (SDKs send {} but the protocol allows nothing).
import { serializationError } from '../errors.js';

export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  // Its depth is already bounded: the front door scanned each chunk as it arrived (src/protocol/json-depth.ts).
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw serializationError();
  }
}
