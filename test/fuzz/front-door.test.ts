// Property-based fuzzing of the front door: random targets, bodies (model-shaped, wrongly typed, hostile, not JSON)
// and headers, with auth off and with auth sigv4. Every answer must be a documented error or a success, never a 5xx
// (except 501 NotImplementedException) and never a crash, and no other account's state may change.
// FUZZ_RUNS=100000 npx vitest run test/fuzz raises the number of requests per property (default 2 000).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTagsCommand,
  CreateWorkspaceImageCommand,
  UpdateWorkspaceImagePermissionCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../src/auth/node-sha256.js';
import { type OperationName, operationNames, operations } from '../../src/model/generated/operations.js';
import { shapes } from '../../src/model/generated/shapes.js';
import { accountState } from '../auth/account-state.js';
import { policy, signedClient, type TestPrincipal, writeCredentialsFile } from '../auth/signed.js';
import { type TestEmulator, useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
/** A request takes about a millisecond; the margin is for slow shared machines. */
const TIMEOUT_MS = Math.max(30_000, RUNS * 25);
const VICTIM = '123456789012';
const REGION = 'us-east-1';

/** Errors of the front end itself, documented in docs/protocol.md and docs/auth.md. */
const FRAMEWORK_ERRORS = new Set([
  'SerializationException',
  'UnknownOperationException',
  'ValidationException',
  'NotImplementedException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'RequestEntityTooLargeException',
]);

interface FuzzRequest {
  method: string;
  operation: string | undefined;
  target: string | undefined;
  body: string;
  headers: Record<string, string>;
}

// ---- generators ----------------------------------------------------------------------------------------------------

/** Ids of the victim's resources join the pool, so requests keep trying to reach them from other accounts. */
const victimIds: string[] = [];

const interestingStrings = () =>
  fc.constantFrom(
    ...victimIds,
    'ws-abc123def',
    'wsi-abc123def',
    'wsb-abc123def',
    'd-1234567890',
    'wsd-abc123def',
    'wsa-khw7gclz4',
    'wsipg-abc12345',
    'wsca-abc123def',
    'wspool-abc123def',
    VICTIM,
    '111111111111',
    'us-east-1',
    'eu-west-1',
    '',
    ' ',
    '*',
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    '\u0000',
    '😀',
    'a'.repeat(300),
  );

const anyString = () =>
  fc.oneof(interestingStrings(), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 12 }));

const HOSTILE_KEYS = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');

/** Values of the model's shape, with some wrongly typed ones mixed in. */
function shaped(shapeName: string, depth: number): fc.Arbitrary<unknown> {
  const shape = shapes[shapeName];
  if (shape === undefined) return fc.jsonValue();
  let typed: fc.Arbitrary<unknown>;
  switch (shape.type) {
    case 'structure': {
      if (depth > 4) return fc.constant({});
      const members = Object.fromEntries(shape.members.map(([name, target]) => [name, shaped(target, depth + 1)]));
      typed = fc.record(members, { requiredKeys: [] });
      break;
    }
    case 'list':
      typed = fc.array(shaped(shape.member, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
      break;
    case 'map':
      typed = fc.dictionary(fc.oneof(anyString(), HOSTILE_KEYS), shaped(shape.value, depth + 1), { maxKeys: 3 });
      break;
    case 'string':
      typed = shape.enum ? fc.oneof(fc.constantFrom(...shape.enum), anyString()) : anyString();
      break;
    case 'boolean':
      typed = fc.oneof(fc.boolean(), fc.constantFrom('true', 'no', 'maybe'));
      break;
    case 'timestamp':
      typed = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom('1700000000', 'yesterday'));
      break;
    case 'blob':
      typed = fc.oneof(fc.base64String({ maxLength: 16 }), anyString());
      break;
    default:
      typed = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e300));
  }
  return fc.oneof({ weight: 9, arbitrary: typed }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

function bodyFor(operation: string | undefined): fc.Arbitrary<string> {
  const spec = operation === undefined ? undefined : operations[operation as OperationName];
  const modelShaped = spec === undefined ? fc.jsonValue() : shaped(spec.input, 0);
  return fc.oneof(
    { weight: 6, arbitrary: modelShaped.map((value) => JSON.stringify(value) ?? '') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(HOSTILE_KEYS, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 })
        .map((value) => `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)}}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"a":'.repeat(50)) },
  );
}

const operationArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<string | undefined>(...operationNames) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'constructor', '__proto__', 'toString', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const targetFor = (operation: string | undefined) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(operation === undefined ? undefined : `WorkspacesService.${operation}`) },
    { weight: 1, arbitrary: fc.constant(operation) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('W', 's', '.', 'x'), maxLength: 24 }) },
  );

/** Header values fetch accepts: visible ASCII and spaces. */
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

const randomAccount = fc.stringMatching(/^\d{12}$/).filter((account) => account !== VICTIM);

const authorizationArb = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(randomAccount, fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-1', 'x'))
    .map(
      ([account, region]) =>
        `AWS4-HMAC-SHA256 Credential=${account}/20250101/${region}/workspaces/aws4_request, SignedHeaders=host, Signature=0`,
    ),
  headerValue.map((value) => `AWS4-HMAC-SHA256 ${value}`),
  headerValue,
);

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'x-amz-date',
    'date',
    'x-amz-security-token',
    'x-amz-content-sha256',
    'x-amz-user-agent',
    'x-forwarded-for',
    'expect-ct',
  ),
  headerValue,
  { maxKeys: 3 },
);

const contentTypeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | undefined>('application/x-amz-json-1.1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      'application/json',
      'application/x-amz-json-1.0; charset=utf-8',
      undefined,
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

const requestArb: fc.Arbitrary<FuzzRequest> = operationArb.chain((operation) =>
  fc
    .record({
      method: fc.oneof(
        { weight: 19, arbitrary: fc.constant('POST') },
        { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE') },
      ),
      target: targetFor(operation),
      body: bodyFor(operation),
      contentType: contentTypeArb,
      authorization: authorizationArb,
      extra: extraHeaders,
    })
    .map(({ method, target, body, contentType, authorization, extra }) => ({
      method,
      operation,
      target,
      body,
      headers: {
        ...extra,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
        ...(target === undefined ? {} : { 'x-amz-target': target }),
        ...(authorization === undefined ? {} : { authorization }),
      },
    })),
);

// ---- sending and checking ------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  contentType: string | null;
  errorType: string | null;
  text: string;
}

async function send(endpoint: string, request: FuzzRequest): Promise<Answer> {
  const res = await fetch(`${endpoint}/`, { method: request.method, headers: request.headers, body: request.body });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    errorType: res.headers.get('x-amzn-errortype'),
    text: await res.text(),
  };
}

/** Whether the operation's input has a NextToken member. */
function isPaginated(inputShape: string): boolean {
  const shape = shapes[inputShape];
  return shape?.type === 'structure' && shape.members.some(([name]) => name === 'NextToken');
}

/**
 * The codes the request may be answered with: the front end's, the operation's modeled errors, and, for paginated
 * operations, InvalidParameterValuesException for a NextToken it did not issue (wire-protocol reference §6).
 */
function allowedErrors(request: FuzzRequest): Set<string> {
  const name = request.target?.startsWith('WorkspacesService.')
    ? request.target.slice('WorkspacesService.'.length)
    : '';
  const spec = Object.hasOwn(operations, name) ? operations[name as OperationName] : undefined;
  const paging = spec !== undefined && isPaginated(spec.input) ? ['InvalidParameterValuesException'] : [];
  return new Set([...FRAMEWORK_ERRORS, ...(spec?.errors ?? []), ...paging]);
}

/** Returns what is wrong with the answer, or undefined. */
function problemWith(request: FuzzRequest, answer: Answer): string | undefined {
  if (answer.contentType === 'application/xml') {
    // Coral's answers before the request reaches JSON handling (wrong method, non-JSON content type).
    const documented = /^<(AccessDeniedException|UnknownOperationException)[>/]/.test(answer.text);
    return documented && (answer.status === 403 || answer.status === 404) ? undefined : 'undocumented XML answer';
  }
  if (answer.contentType !== 'application/x-amz-json-1.1') return `content type ${answer.contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not a JSON object';
  if (answer.status === 200) return undefined;
  const type = (body as Record<string, unknown>).__type;
  if (typeof type !== 'string' || type !== answer.errorType)
    return `__type ${String(type)} / header ${answer.errorType}`;
  if (answer.status >= 500 && !(answer.status === 501 && type === 'NotImplementedException')) {
    return `status ${answer.status} ${type}`;
  }
  return allowedErrors(request).has(type) ? undefined : `undocumented error ${type}`;
}

async function expectNoProblem(endpoint: string, request: FuzzRequest): Promise<void> {
  const answer = await send(endpoint, request);
  const problem = problemWith(request, answer);
  if (problem !== undefined) throw new Error(`${problem}: ${answer.status} ${answer.text.slice(0, 300)}`);
}

// ---- the victim ----------------------------------------------------------------------------------------------------

/** Gives the victim account a directory, a WorkSpace, an image shared with nobody and tags; returns its ids. */
async function furnishVictim(t: TestEmulator, client: WorkSpacesClient): Promise<string[]> {
  const w = world(t);
  const directoryId = await w.registerDirectory(client, 'd-9876543210');
  const workspaceId = await w.launchWorkspace(client, {
    DirectoryId: directoryId,
    UserName: 'victim',
    BundleId: 'wsb-gm4d5tx2v',
  });
  // An image of the WorkSpace, default tenancy: a BYOL image could be shared only with an account enabled for BYOL.
  const image = await client.send(
    new CreateWorkspaceImageCommand({ Name: 'victim-image', Description: 'victim', WorkspaceId: workspaceId }),
  );
  const imageId = image.ImageId ?? '';
  t.emulator.clock.advance(60);
  await client.send(new CreateTagsCommand({ ResourceId: workspaceId, Tags: [{ Key: 'owner', Value: 'victim' }] }));
  await client.send(
    new UpdateWorkspaceImagePermissionCommand({
      ImageId: imageId,
      AllowCopyImage: true,
      SharedAccountId: '210987654321',
    }),
  );
  t.emulator.clock.advance(60);
  return [directoryId, workspaceId, imageId];
}

function expectUnpolluted(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

// ---- properties ----------------------------------------------------------------------------------------------------

describe('the front door with auth off', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsl-fuzz-off-'));
  const t = useEmulator({ dataDir });
  let before = '';
  beforeAll(async () => {
    const victim = signedClient(t.endpoint, {
      name: 'victim',
      accountId: VICTIM,
      accessKeyId: VICTIM,
      secretAccessKey: 'x',
    });
    victimIds.push(...(await furnishVictim(t, victim)));
    before = accountState(dataDir, VICTIM);
  });

  it(
    `answers ${RUNS} random requests with successes or documented errors only, and leaves other accounts alone`,
    async () => {
      await fc.assert(
        fc.asyncProperty(requestArb, (request) => expectNoProblem(t.endpoint, request)),
        { numRuns: RUNS },
      );
      expect((await fetch(`${t.endpoint}/_emulator/health`)).status).toBe(200);
      expect(accountState(dataDir, VICTIM)).toBe(before);
      expectUnpolluted();
    },
    TIMEOUT_MS,
  );
});

describe('the front door with auth sigv4', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsl-fuzz-sigv4-'));
  const victim: TestPrincipal = {
    name: 'victim',
    accountId: VICTIM,
    accessKeyId: 'AKIAVICTIM000001',
    secretAccessKey: 'victim-secret',
  };
  const fuzzer: TestPrincipal = {
    name: 'fuzzer',
    accountId: '555555555555',
    accessKeyId: 'AKIAFUZZER000001',
    secretAccessKey: 'fuzzer-secret',
    policies: [
      policy(
        { Effect: 'Allow', NotAction: 'workspaces:Delete*', Resource: '*' },
        { Effect: 'Deny', Action: 'workspaces:*', Resource: 'arn:aws:workspaces:*:*:workspaceimage/wsi-*' },
      ),
    ],
  };
  const signer = new SignatureV4({
    service: 'workspaces',
    region: REGION,
    credentials: { accessKeyId: fuzzer.accessKeyId, secretAccessKey: fuzzer.secretAccessKey },
    sha256: NodeSha256,
  });
  const t = useEmulator({ dataDir, auth: 'sigv4', credentialsFile: writeCredentialsFile([victim, fuzzer]) });
  let before = '';

  /** Half the requests are signed correctly, so their bodies reach the policy check and the handlers. */
  async function signed(request: FuzzRequest, port: number): Promise<FuzzRequest> {
    const { authorization: _dropped, ...unsigned } = request.headers;
    const out = await signer.sign({
      method: request.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path: '/',
      query: {},
      headers: { ...unsigned, host: `127.0.0.1:${port}` },
      body: request.body,
    });
    const { host: _host, ...headers } = out.headers;
    return { ...request, headers };
  }

  beforeAll(async () => {
    victimIds.push(...(await furnishVictim(t, signedClient(t.endpoint, victim))));
    before = accountState(dataDir, VICTIM);
  });

  it(
    `answers ${RUNS} random requests, signed or not, with successes or documented errors only`,
    async () => {
      await fc.assert(
        fc.asyncProperty(requestArb, fc.boolean(), async (request, sign) => {
          const sent = sign && request.method === 'POST' ? await signed(request, t.emulator.port) : request;
          await expectNoProblem(t.endpoint, sent);
        }),
        { numRuns: RUNS },
      );
      expect(accountState(dataDir, VICTIM)).toBe(before);
      expectUnpolluted();
    },
    TIMEOUT_MS,
  );
});
