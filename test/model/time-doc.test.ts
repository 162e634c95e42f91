import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';

const doc = readFileSync(new URL('../../docs/time.md', import.meta.url), 'utf8');

describe('docs/time.md', () => {
  it.each(Object.entries(durations))('lists %s with its duration', (key, ms) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row, `docs/time.md has no row for ${key}`).toBeDefined();
    expect(row).toMatch(new RegExp(`\\| ${ms / 1000} s \\|$`));
  });
});
