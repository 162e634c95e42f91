// docs/quotas.md lists every quota of src/domain/quotas.ts with the same defaults.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quotaDefinitions } from '../../src/domain/quotas.js';

const doc = readFileSync(new URL('../../docs/quotas.md', import.meta.url), 'utf8');
const shown = (value: number) => (Number.isFinite(value) ? String(value) : 'unlimited');

describe('docs/quotas.md', () => {
  it.each(Object.entries(quotaDefinitions))('lists %s with its AWS and emulator defaults', (name, quota) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row, `docs/quotas.md has no row for ${name}`).toBeDefined();
    expect(row).toContain(
      `| \`${name}\` | ${shown(quota.aws)} | ${shown(quota.emulator)} | ${quota.adjustable ? 'yes' : 'no'}`,
    );
  });
});
