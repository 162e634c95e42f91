import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { faultsDocPath, renderFaultsDoc } from '../../scripts/generate-faults-doc.js';
import { transitionTable } from '../../src/faults/transitions.js';

describe('docs/behaviour/faults.md', () => {
  it('holds the transition table the code gives (npm run docs regenerates it)', () => {
    const doc = readFileSync(faultsDocPath, 'utf8');
    expect(doc).toBe(renderFaultsDoc(doc));
  });

  it('lists every transition of the table', () => {
    const doc = readFileSync(faultsDocPath, 'utf8');
    for (const [resource, transitions] of Object.entries(transitionTable)) {
      for (const name of Object.keys(transitions)) expect(doc).toContain(`| ${resource} | ${name} |`);
    }
  });
});
