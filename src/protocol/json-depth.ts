// Bounds what a body can cost before anyone knows who sent it: a scan fed each chunk as it arrives, stopping at the
// first bracket beyond the limit, so a hostile body of nested brackets is refused after its first few dozen bytes
// instead of being read, joined and parsed whole.

/** Far beyond any WorkSpaces input (its deepest shapes nest a handful of levels) and any fixture the emulator writes. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Counts bracket depth outside strings across the chunks of one body; its state (depth, inside a string, after a
 * backslash) carries over chunk boundaries, so the chunks' split never changes the verdict. Malformed JSON is left
 * to the parser: this only bounds depth.
 */
export class DepthScan {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly limit = MAX_JSON_DEPTH) {}

  /** The offset in `chunk` of the first bracket that opens level `limit + 1`, or -1 while the body stays within. */
  feed(chunk: Uint8Array): number {
    // Locals, not fields, in the loop: it runs once per byte of every body.
    let { depth, inString, escaped } = this;
    const limit = this.limit;
    let exceededAt = -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (escaped) {
        escaped = false;
      } else if (inString) {
        if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth += 1;
        if (depth > limit) {
          exceededAt = i;
          break;
        }
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        depth -= 1;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return exceededAt;
  }
}
