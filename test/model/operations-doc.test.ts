import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationsDocPath, renderOperationsDoc } from '../../scripts/generate-operations-doc.js';

describe('docs/operations.md', () => {
  it('matches the handler table (npm run docs regenerates it)', () => {
    expect(readFileSync(operationsDocPath, 'utf8')).toBe(renderOperationsDoc());
  });
});
