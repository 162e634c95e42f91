// What an unauthenticated caller can make the emulator do is bounded before the body is parsed: a 10 MB body of nested
// brackets is refused after a few dozen bytes, never handed to JSON.parse, on the AWS API and the admin API alike.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../src/index.js';
import { MAX_JSON_DEPTH } from '../../src/protocol/json-depth.js';
import { writeCredentialsFile } from '../auth/signed.js';
import { raw } from '../helpers/raw-http.js';

const TEN_MB = 10 * 1024 * 1024 - 64;
const brackets = (size: number) => Buffer.alloc(size, '[');
/** Valid JSON, nested one level beyond the limit: only the depth can refuse it. */
const justTooDeep = () => `{"Filters":${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}}`;

let sigv4: Emulator;
let parsed: number[];

beforeAll(async () => {
  sigv4 = await startEmulator({
    auth: 'sigv4',
    credentialsFile: writeCredentialsFile([
      { name: 'admin', accountId: '111111111111', accessKeyId: 'AKIAADMIN0000001', secretAccessKey: 'admin-secret' },
    ]),
  });
});
afterAll(() => sigv4.close());

/** Records the size of every text JSON.parse is given while the test runs (the emulator runs in this process). */
function watchParse() {
  parsed = [];
  const original = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parsed.push(text.length);
    return original(text, reviver);
  });
}
afterEach(() => vi.restoreAllMocks());

const awsCall = (body: string | Buffer) =>
  raw(sigv4.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
    },
    body,
  });

describe('the AWS API, before the signature is checked', () => {
  it('refuses a 10 MB body of nested brackets as SerializationException without parsing it', async () => {
    watchParse();
    const answer = await awsCall(brackets(TEN_MB));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'SerializationException',
      Message: `JSON nesting depth exceeds the limit of ${MAX_JSON_DEPTH} levels`,
    });
    expect(parsed.filter((length) => length > 1000)).toEqual([]);
  });

  it('refuses valid JSON one level too deep, and still asks for a signature below the limit', async () => {
    expect(JSON.parse((await awsCall(justTooDeep())).body).__type).toBe('SerializationException');
    const shallower = `{"Filters":${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(JSON.parse((await awsCall(shallower)).body).__type).toBe('MissingAuthenticationTokenException');
  });
});

describe('the admin API', () => {
  it('refuses a 10 MB import of nested brackets with 400 without parsing it', async () => {
    watchParse();
    const answer = await raw(sigv4.endpoint, {
      method: 'POST',
      path: '/_emulator/import',
      headers: { 'content-type': 'application/json' },
      body: brackets(TEN_MB),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: `body nests deeper than ${MAX_JSON_DEPTH} levels` });
    expect(parsed.filter((length) => length > 1000)).toEqual([]);
  });
});
