import { describe, expect, it } from 'vitest';
import { nodeCrypto, requestId } from './lazy-crypto.js';

describe('requestId', () => {
  it('is a version-4 UUID, different each time, before and after node:crypto is loaded', async () => {
    const early = Array.from({ length: 1000 }, requestId);
    await new Promise((resolve) => setImmediate(resolve));
    const ids = [...early, ...Array.from({ length: 1000 }, requestId)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

it('nodeCrypto loads node:crypto once', () => {
  expect(nodeCrypto()).toBe(nodeCrypto());
  expect(nodeCrypto().createHash('sha256').update('x').digest('hex')).toHaveLength(64);
});
