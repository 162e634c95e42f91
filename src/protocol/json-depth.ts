// Bounds what a body can cost before anyone knows who sent it: one linear pass over the bytes, stopping at the first
// bracket beyond the limit, so a hostile body of nested brackets is refused after reading a few dozen bytes instead
// of being parsed (and later walked) whole.

/** Far beyond any WorkSpaces input (its deepest shapes nest a handful of levels) and any fixture the emulator writes. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The offset of the first bracket that opens level `limit + 1`, or -1 when the body stays within `limit` levels.
 * Brackets inside strings do not count. Malformed JSON is left to the parser: this pass only bounds depth.
 */
export function depthExceededAt(body: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return i;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return -1;
}
