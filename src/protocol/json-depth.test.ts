import { describe, expect, it } from 'vitest';
import { depthExceededAt, MAX_JSON_DEPTH } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('depthExceededAt', () => {
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

  it('stops reading a 10 MB body of brackets after the limit: it never looks at the rest', () => {
    const hostile = Buffer.alloc(10 * 1024 * 1024, '[');
    expect(depthExceededAt(hostile)).toBe(MAX_JSON_DEPTH);
  });
});
