// Admin bodies are validated completely before anything changes: out-of-range numbers, non-dates and deep nesting are
// answered 400 naming the problem, never 500, and never leave state that makes later calls answer 500.
import { DescribeWorkspaceImagesCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Fixture, FixtureError } from '../../src/index.js';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

async function call(method: string, path: string, body?: string) {
  const res = await fetch(`${t.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

/** Every read of the admin API still answers, and answers as before. */
async function stillHealthy(before: { clock: unknown; export: unknown }) {
  for (const path of [
    '/_emulator/clock',
    '/_emulator/export',
    '/_emulator/state',
    '/_emulator/state/111111111111/us-east-1',
  ]) {
    expect((await call('GET', path)).status, path).toBe(200);
  }
  expect((await call('GET', '/_emulator/clock')).body).toEqual(before.clock);
  expect(withoutTime((await call('GET', '/_emulator/export')).body)).toEqual(withoutTime(before.export));
}

const withoutTime = (fixture: unknown) => ({ ...(fixture as Record<string, unknown>), exportedAt: undefined });

async function snapshot() {
  return { clock: (await call('GET', '/_emulator/clock')).body, export: (await call('GET', '/_emulator/export')).body };
}

function fixture(state: Record<string, unknown[]>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    format: 'workspaces-local/fixture',
    version: 1,
    ...extra,
    state: { resources: [], associations: [], transitions: [], tags: [], imagePermissions: [], ...state },
  });
}

const transition = (due: number) => ({
  account: '111111111111',
  region: 'us-east-1',
  due,
  kind: 'applications.startPhase',
  target: 'ws-123456789',
  payload: {},
});

const association = (created: number) => ({
  account: '111111111111',
  region: 'us-east-1',
  resourceType: 'WORKSPACE',
  resourceId: 'ws-123456789',
  applicationId: 'wsa-vis21pro1',
  state: 'COMPLETED',
  created,
  updated: 1_795_950_768_099,
});

/** An image document as an export writes it, with the OperatingSystemName given. */
const imageDoc = (operatingSystemName: unknown) => ({
  ImageId: 'wsi-123456789',
  Name: 'img',
  Description: 'Imported BYOL image',
  State: 'AVAILABLE',
  RequiredTenancy: 'DEDICATED',
  Created: 1_795_950_768_099,
  OwnerAccountId: '111111111111',
  OperatingSystemName: operatingSystemName,
  RootVolumeSizeGib: 80,
  UserVolumeSizeGib: 10,
});

/** JSON text of `depth` nested arrays (built as text: JSON.stringify itself overflows on such values). */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

beforeEach(async () => {
  t.emulator.reset();
  await t
    .client()
    .send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-1234567890', SubnetIds: ['subnet-0a1b2c3d'] }));
});

describe('POST /_emulator/clock', () => {
  it.each([
    [{ advanceSeconds: 1e15 }, 'advanceSeconds must be a number of seconds from 0 to 3153600000 (100 years)'],
    [{ advanceSeconds: 3_153_600_001 }, 'advanceSeconds must be a number of seconds from 0 to 3153600000 (100 years)'],
    [{ mode: 'speed', speedFactor: 1e-300 }, 'speedFactor must be a number from 0.001 to 1000000'],
    [{ mode: 'speed', speedFactor: 1e300 }, 'speedFactor must be a number from 0.001 to 1000000'],
  ])('refuses %j with 400 and leaves the clock working', async (body, error) => {
    const before = await snapshot();
    expect(await call('POST', '/_emulator/clock', JSON.stringify(body))).toEqual({ status: 400, body: { error } });
    await stillHealthy(before);
  });

  it('refuses a move past the end of year 9999, however it is reached', async () => {
    for (let i = 0; i < 100; i += 1) {
      const answer = await call('POST', '/_emulator/clock', '{"advanceSeconds":3153600000}');
      if (answer.status === 400) {
        expect(answer.body.error).toBe('advanceSeconds would move the clock past 9999-12-31T23:59:59.999Z');
        const before = await snapshot();
        await stillHealthy(before);
        return;
      }
      expect(answer.status).toBe(200);
    }
    throw new Error('the clock passed year 9999');
  });
});

describe('POST /_emulator/reset', () => {
  it('refuses an unknown field and resets nothing', async () => {
    const before = await snapshot();
    expect(await call('POST', '/_emulator/reset', '{"acount":"111111111111"}')).toEqual({
      status: 400,
      body: { error: 'unknown field(s): acount' },
    });
    await stillHealthy(before);
  });
});

describe('POST /_emulator/import', () => {
  it.each([
    ['a due of 1e308', fixture({ transitions: [transition(1e308)] }), 'state.transitions[0].due must be'],
    ['a due of 9e15', fixture({ transitions: [transition(9e15)] }), 'state.transitions[0].due must be'],
    ['a negative due', fixture({ transitions: [transition(-1)] }), 'state.transitions[0].due must be'],
    ['a created of 9e15', fixture({ associations: [association(9e15)] }), 'state.associations[0].created must be'],
    ['a non-date exportedAt', fixture({}, { exportedAt: 'yesterday' }), 'exportedAt must be an ISO 8601 time'],
    ['a numeric exportedAt', fixture({}, { exportedAt: 5 }), 'exportedAt must be an ISO 8601 time'],
    [
      'an exportedAt that pushes a due past the end',
      fixture({ transitions: [transition(253_402_300_000_000)] }, { exportedAt: '1970-01-01T00:00:00.000Z' }),
      'state.transitions[0].due must be',
    ],
    [
      'a deeply nested version',
      `{"format":"workspaces-local/fixture","version":${nested(62)},"state":{}}`,
      'version must be 1, the version this build reads; got an array',
    ],
    [
      'a WorkSpace document whose State is not a string',
      fixture({
        resources: [
          {
            account: '111111111111',
            region: 'us-east-1',
            kind: 'workspace',
            id: 'ws-123456789',
            doc: { WorkspaceId: 'ws-123456789', State: 0 },
          },
        ],
      }),
      'state.resources[0].doc.State must be a string (the Workspace shape of the API model)',
    ],
    [
      'an image document whose OperatingSystemName (a member of its own) is not a string',
      fixture({
        resources: [
          {
            account: '111111111111',
            region: 'us-east-1',
            kind: 'image',
            id: 'wsi-123456789',
            doc: imageDoc(0),
          },
        ],
      }),
      'state.resources[0].doc.OperatingSystemName must be a string (the API model shape of that name)',
    ],
    [
      'a deeply nested doc',
      fixture({
        resources: [{ account: '111111111111', region: 'us-east-1', kind: 'addin', id: 'a-1', doc: { x: 'NESTED' } }],
      }).replace('"NESTED"', nested(5000)),
      'nests deeper than',
    ],
  ])('refuses %s with 400 and changes nothing', async (_what, body, error) => {
    const before = await snapshot();
    const answer = await call('POST', '/_emulator/import', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(error);
    await stillHealthy(before);
  });
});

describe('POST /_emulator/import of an image', () => {
  it('takes one whose OperatingSystemName is a string, and DescribeWorkspaceImages describes it', async () => {
    const resource = { account: '111111111111', region: 'us-east-1', kind: 'image', id: 'wsi-123456789' };
    const answer = await call(
      'POST',
      '/_emulator/import',
      fixture({ resources: [{ ...resource, doc: imageDoc('WINDOWS_10') }] }),
    );
    expect(answer.status).toBe(200);
    const images = await t.client().send(new DescribeWorkspaceImagesCommand({}));
    expect(images.Images?.map((image) => [image.ImageId, image.OperatingSystem?.Type])).toEqual([
      ['wsi-123456789', 'WINDOWS'],
    ]);
  });
});

describe('emulator.seed()', () => {
  it('refuses a cyclic or non-JSON document with FixtureError', () => {
    const doc: Record<string, unknown> = { AddInId: 'a-1' };
    doc.self = doc;
    const cyclic = JSON.parse(fixture({})) as Fixture;
    cyclic.state.resources.push({
      account: '111111111111',
      region: 'us-east-1',
      kind: 'addin',
      id: 'a-1',
      doc,
    } as never);
    expect(() => t.emulator.seed(cyclic)).toThrow(FixtureError);
    const infinite = JSON.parse(fixture({ transitions: [transition(0)] })) as Fixture;
    (infinite.state.transitions[0] as { due: number }).due = Number.POSITIVE_INFINITY;
    expect(() => t.emulator.seed(infinite)).toThrow(FixtureError);
    const strange = JSON.parse(fixture({ transitions: [transition(0)] })) as Fixture;
    (strange.state.transitions[0] as { payload: unknown }).payload = { at: new Date(0), n: Number.NaN };
    expect(() => t.emulator.seed(strange)).toThrow(FixtureError);
    const deep = JSON.parse(fixture({ transitions: [transition(0)] })) as Fixture;
    (deep.state.transitions[0] as { payload: unknown }).payload = JSON.parse(nested(70));
    expect(() => t.emulator.seed(deep)).toThrow('state.transitions[0].payload[0][0]');
  });
});
