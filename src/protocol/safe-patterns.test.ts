import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapes } from '../model/generated/shapes.js';
import { matchingSource, safePatterns } from './safe-patterns.js';

/** Every pattern of the model, compiled as the validator compiles it. */
const modelPatterns = [
  ...new Set(
    Object.values(shapes).flatMap((shape) => (shape.type === 'string' && shape.pattern ? [shape.pattern] : [])),
  ),
];
const asValidated = (source: string) => new RegExp(`^(?:${source})$`);

/** Pieces that, repeated, walk a backtracking engine through the model's classes, separators and anchors. */
const HOSTILE_UNITS = ['a', 'Aa-', 'a.', '1.', 'aa.a', 'a:', 'a/', '0:', 'a@a.', 'arn:aws:a:b:c:d/', 'http://a', 'd-'];
const HOSTILE_ENDINGS = ['', '!', '\n'];
const HOSTILE_LENGTH = 100_000;

describe('safePatterns', () => {
  it('replaces only patterns the model has', () => {
    for (const pattern of safePatterns.keys()) expect(modelPatterns).toContain(pattern);
  });

  it.each([...safePatterns])('matches exactly what %s matches', (original, safe) => {
    const expected = asValidated(original);
    const actual = asValidated(safe);
    const token = fc.constantFrom('a', 'Z', '7', '.', '-', '_', ' ', '\n', '!', 'é');
    const text = fc.oneof(
      fc.array(token, { maxLength: 24 }).map((tokens) => tokens.join('')),
      // Mostly well-formed values, so that both answers are exercised.
      fc
        .array(fc.tuple(fc.stringMatching(/^[a-zA-Z0-9]{0,4}$/), fc.constantFrom('.', '-', '..', '')), { maxLength: 6 })
        .map((parts) => parts.flat().join('')),
    );
    fc.assert(
      fc.property(text, (value) => actual.test(value) === expected.test(value)),
      { numRuns: 20_000 },
    );
  });

  // The nested quantifier of DomainName needs one backtracking frame per repetition: on a value near the 10 MB
  // body limit, V8 throws "Maximum call stack size exceeded", which would surface as a 500.
  it.each([...safePatterns])('matches a 10 MB hostile value of %s without exhausting the stack', (_original, safe) => {
    const regex = asValidated(safe);
    for (const ending of HOSTILE_ENDINGS) {
      expect(regex.test(`${'1.'.repeat(5_000_000)}${ending}`)).toBe(false);
    }
  });
});

// No clock is read here: a pattern that backtracks on this input takes minutes, so the test's own timeout fails it.
describe('every model pattern, as the validator matches it', () => {
  it.each(modelPatterns)('answers hostile input of 100 000 characters: %s', (pattern) => {
    const regex = asValidated(matchingSource(pattern));
    for (const unit of HOSTILE_UNITS) {
      for (const ending of HOSTILE_ENDINGS) {
        const value = unit.repeat(Math.ceil(HOSTILE_LENGTH / unit.length)) + ending;
        expect(typeof regex.test(value)).toBe('boolean');
      }
    }
  });
});
