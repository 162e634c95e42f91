import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatches, generateFromDisk, outputDir } from '../../scripts/generate-model.js';

describe('the generated model', () => {
  it('is exactly what regenerating from the official model gives', () => {
    for (const [file, expected] of Object.entries(generateFromDisk())) {
      expect(readFileSync(join(outputDir, file), 'utf8'), `src/model/generated/${file} is stale: npm run codegen`).toBe(
        expected,
      );
    }
  });

  it('refuses a patch whose path does not exist', () => {
    const model = { metadata: {}, operations: {}, shapes: {} };
    expect(() =>
      applyPatches(model, [{ op: 'replace', path: '/shapes/Nope/pattern', value: 'x', reason: 't' }]),
    ).toThrow(/patch path not found/);
  });
});
