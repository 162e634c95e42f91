import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DepthScan, MAX_JSON_DEPTH } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** One pass over the whole body. */
const depthExceededAt = (body: Uint8Array, limit = MAX_JSON_DEPTH) => new DepthScan(limit).feed(body);

/** The same body fed as chunks cut at `cuts`; the offset is counted from the body's start. */
function chunkedExceededAt(body: Uint8Array, cuts: number[], limit: number): number {
  const scan = new DepthScan(limit);
  const bounds = [...new Set(cuts)].sort((a, b) => a - b);
  let start = 0;
  for (const end of [...bounds, body.length]) {
    const at = scan.feed(body.subarray(start, end));
    if (at >= 0) return start + at;
    start = end;
  }
  return -1;
}

describe('DepthScan', () => {
  it('passes a body within the limit', () => {
    expect(depthExceededAt(bytes('{"a":[{"b":[1,2,{"c":{}}]}]}'), 6)).toBe(-1);
    expect(depthExceededAt(bytes(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`))).toBe(-1);
  });

  it('names the bracket that opens one level too many', () => {
    expect(depthExceededAt(bytes('{"a":[[1]]}'), 2)).toBe(6);
    expect(depthExceededAt(bytes('['.repeat(MAX_JSON_DEPTH + 1)))).toBe(MAX_JSON_DEPTH);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depthExceededAt(bytes('{"a":"[[[[{{{{"}'), 1)).toBe(-1);
    expect(depthExceededAt(bytes('{"a":"\\"[[[["}'), 1)).toBe(-1);
    expect(depthExceededAt(bytes('{"a":"\\\\","b":[[1]]}'), 2)).toBe(15);
  });

  it('carries a string and an escape across chunk boundaries', () => {
    // Cut right after the backslash: the quote that follows is escaped, so the brackets stay inside the string.
    expect(chunkedExceededAt(bytes('{"a":"\\"[[[["}'), [7], 1)).toBe(-1);
    // Cut inside the string (before a bracket in it) and again right before the bracket one level too deep.
    expect(chunkedExceededAt(bytes('{"a":"x[y","b":[[1]]}'), [7, 16], 2)).toBe(16);
  });

  it('gives the one-pass verdict however the body is cut, down to one byte per chunk', () => {
    // Quotes, backslashes and opening brackets often, so that strings, escapes and the limit meet at the cuts.
    const token = fc.constantFrom('[', '[', '{', ']', '}', '"', '"', '\\', '\\', 'a', ',', ':', '1');
    const jsonish = fc.array(token, { maxLength: 40 }).map((parts) => bytes(parts.join('')));
    fc.assert(
      fc.property(jsonish, fc.array(fc.nat({ max: 40 }), { maxLength: 12 }), (body, cuts) => {
        const inside = cuts.map((cut) => Math.min(cut, body.length));
        const everyByte = Array.from(body, (_, i) => i);
        for (let limit = 0; limit <= 4; limit += 1) {
          const onePass = depthExceededAt(body, limit);
          expect(chunkedExceededAt(body, inside, limit)).toBe(onePass);
          expect(chunkedExceededAt(body, everyByte, limit)).toBe(onePass);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stops reading a 10 MB body of brackets after the limit: it never looks at the rest', () => {
    const hostile = Buffer.alloc(10 * 1024 * 1024, '[');
    expect(depthExceededAt(hostile)).toBe(MAX_JSON_DEPTH);
  });
});
