// Property-based fuzzing of the admin API: random methods, routes and bodies (field names it knows with hostile values,
// mutated fixtures, deep nesting, not JSON) against clock, faults, import, reset, directories, default role and the
// reads. No answer is a 5xx, and after every call the reads (clock, export, state) still answer without one.
// FUZZ_RUNS=100000 npx vitest run test/fuzz raises the number of calls per property (default 2 000, a quarter here).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/index.js';
import { buildWorld } from '../admin/story.js';
import { useEmulator } from '../helpers/emulator.js';

const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 2_000) / 4);
const TIMEOUT_MS = Math.max(60_000, RUNS * 100);
const t = useEmulator();

let exported: Fixture;

beforeAll(async () => {
  await buildWorld(t.client(), (s) => t.emulator.clock.advance(s), true);
  exported = t.emulator.exportFixture();
});

const FIELDS = [
  'mode',
  'speedFactor',
  'advanceSeconds',
  'advanceTo',
  'account',
  'region',
  'kind',
  'errorCode',
  'message',
  'errorMessage',
  'workspaceId',
  'applicationId',
  'operation',
  'latencyMs',
  'probability',
  'seed',
  'count',
  'resource',
  'transition',
  'resourceId',
  'directoryId',
  'type',
  'stage',
  'dnsName',
  'directoryName',
  'subnetIds',
  'registered',
  'alias',
  'accounts',
  'present',
  'format',
  'version',
  'exportedAt',
  'tokenKey',
  'state',
];

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1e15, 9e15, 1e308, -1e308, 3_153_600_000, 8.64e15, 2 ** 53, 1e-300),
  fc.double(),
  fc.integer(),
);
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    'next',
    'manual',
    'speed',
    'instant',
    'real',
    '111111111111',
    'us-east-1',
    'ws-123456789',
    'd-1234567890',
    'api',
    'deployment',
    'transition',
    'DescribeWorkspaces',
    'yesterday',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '__proto__',
    'constructor',
    'workspaces-local/fixture',
    'x'.repeat(5000),
  ),
  fc.string(),
);
const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);
const leaf = fc.oneof(hostileNumber, hostileString, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), leaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 80 }).map((depth) => nested(depth, 1)) },
);
const fieldBody = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }).map((body) => JSON.stringify(body));

/** An exported fixture with one member somewhere replaced by a hostile value. */
const mutatedFixture = fc
  .tuple(
    fc.nat(),
    value,
    fc.constantFrom(
      'due',
      'created',
      'updated',
      'account',
      'region',
      'kind',
      'id',
      'exportedAt',
      'tokenKey',
      'version',
      'format',
      'doc',
      'payload',
      'state',
      'key',
    ),
  )
  .map(([pick, replacement, member]) => {
    const copy = JSON.parse(JSON.stringify(exported)) as Record<string, unknown>;
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) walk(child);
    };
    walk(copy);
    const holders = objects.filter((o) => member in o);
    const target = holders.length > 0 ? holders[pick % holders.length] : copy;
    if (target) target[member] = replacement;
    return JSON.stringify(copy);
  });

const body = fc.oneof(
  { weight: 5, arbitrary: fieldBody },
  { weight: 3, arbitrary: mutatedFixture },
  { weight: 1, arbitrary: fc.constantFrom('', 'not json', '[]', 'null', '"x"', '{"a":', `${'['.repeat(100_000)}`) },
  { weight: 1, arbitrary: fc.string() },
);

const segment = fc.oneof(
  fc.constantFrom('111111111111', 'us-east-1', 'd-1234567890', 'x', '..', '%00'),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.oneof(
  fc.constantFrom(
    '/_emulator/health',
    '/_emulator/reset',
    '/moto-api/reset',
    '/_emulator/clock',
    '/_emulator/faults',
    '/_emulator/directories',
    '/_emulator/default-role',
    '/_emulator/quotas',
    '/_emulator/export',
    '/_emulator/import',
    '/_emulator/state',
    '/_emulator/ui',
    '/_emulator/nope',
  ),
  segment.map((id) => `/_emulator/faults/${id}`),
  fc.tuple(segment, segment).map(([a, r]) => `/_emulator/state/${a}/${r}`),
  fc.tuple(segment, segment, segment).map(([a, r, d]) => `/_emulator/directories/${a}/${r}/${d}`),
);
const method = fc.constantFrom('GET', 'POST', 'POST', 'POST', 'DELETE', 'PUT');
/** Mostly the import and write routes that change state, where a bad value could stick. */
const call = fc.record({
  method,
  path: fc.oneof(
    { weight: 1, arbitrary: path },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/_emulator/clock',
        '/_emulator/import',
        '/_emulator/faults',
        '/_emulator/directories',
        '/_emulator/reset',
      ),
    },
  ),
  body,
});

async function send(method: string, target: string, text?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.endpoint}${target}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(text !== undefined && method !== 'GET' && { body: text }),
  });
  return { status: res.status, body: await res.text() };
}

const READS = [
  '/_emulator/clock',
  '/_emulator/export',
  '/_emulator/state',
  '/_emulator/state/111111111111/us-east-1',
  '/_emulator/faults',
  '/_emulator/directories',
];

describe('the admin API under random and hostile calls', () => {
  it(
    'never answers 5xx, and leaves no state that makes a later read answer 5xx',
    async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(call, async ({ method, path, body }) => {
          const answer = await send(method, path, body);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(answer.status, `${method} ${path} ${body.slice(0, 300)} → ${answer.body.slice(0, 300)}`).toBeLessThan(
            500,
          );
          for (const read of READS) {
            const after = await send('GET', read);
            expect(
              after.status,
              `${read} after ${method} ${path} ${body.slice(0, 300)}: ${after.body.slice(0, 300)}`,
            ).toBeLessThan(500);
          }
        }),
        { numRuns: RUNS },
      );
      // The bodies reach the validators, not just the front door: both outcomes occur.
      expect(statuses.get(200)).toBeGreaterThan(0);
      expect(statuses.get(400)).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
