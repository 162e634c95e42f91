// What an unauthenticated caller can make the emulator do is bounded before the body is parsed: a 10 MB body of nested
// brackets is refused after a few dozen bytes, never handed to JSON.parse, on the AWS API and the admin API alike.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../src/index.js';
import { merged } from '../../src/objects.js';
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

/**
 * Sends the first bytes of a body that declares 10 MB and never sends the rest: only a server that judges each
 * chunk as it arrives can answer, and it ends the connection instead of waiting for the remaining bytes.
 */
function answerToBodyStart(path: string, headers: Record<string, string>, start: Buffer) {
  const url = new URL(sigv4.endpoint);
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: merged({ 'content-length': String(TEN_MB) }, headers),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.write(start);
  });
}

/**
 * Sends a whole 10 MB body. The server answers from its first chunk and closes without reading the rest, so this
 * client's remaining writes fail: whether it reads the answer before its own write fails is a race, so the outcome is
 * the answer's text or 'reset'.
 */
function sendWhole(path: string, headers: Record<string, string>, body: Buffer) {
  const url = new URL(sigv4.endpoint);
  return new Promise<string>((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}
const awsHeaders = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
};

describe('the AWS API, before the signature is checked', () => {
  it('answers from the first chunk that nests too deep and closes the connection without reading the rest', async () => {
    const answer = await answerToBodyStart('/', awsHeaders, brackets(MAX_JSON_DEPTH + 1));
    expect(answer.status).toBe(400);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body).__type).toBe('SerializationException');
  });

  it('refuses a 10 MB body of nested brackets as SerializationException without parsing it', async () => {
    watchParse();
    const answer = await sendWhole('/', awsHeaders, brackets(TEN_MB));
    expect(parsed.filter((length) => length > 1000)).toEqual([]);
    const refusal = {
      __type: 'SerializationException',
      Message: `JSON nesting depth exceeds the limit of ${MAX_JSON_DEPTH} levels`,
    };
    expect(answer === 'reset' ? answer : JSON.parse(answer)).toEqual(answer === 'reset' ? 'reset' : refusal);
  });

  it('refuses valid JSON one level too deep, and still asks for a signature below the limit', async () => {
    expect(JSON.parse((await awsCall(justTooDeep())).body).__type).toBe('SerializationException');
    const shallower = `{"Filters":${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(JSON.parse((await awsCall(shallower)).body).__type).toBe('MissingAuthenticationTokenException');
  });
});

describe('the admin API', () => {
  it('answers from the first chunk that nests too deep and closes the connection without reading the rest', async () => {
    const start = Buffer.from(`{"workspaces":${'['.repeat(MAX_JSON_DEPTH)}`);
    const answer = await answerToBodyStart('/_emulator/import', { 'content-type': 'application/json' }, start);
    expect(answer.status).toBe(400);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: `body nests deeper than ${MAX_JSON_DEPTH} levels` });
  });

  it('refuses a 10 MB import of nested brackets with 400 without parsing it', async () => {
    watchParse();
    const answer = await sendWhole('/_emulator/import', { 'content-type': 'application/json' }, brackets(TEN_MB));
    expect(parsed.filter((length) => length > 1000)).toEqual([]);
    const refusal = { error: `body nests deeper than ${MAX_JSON_DEPTH} levels` };
    expect(answer === 'reset' ? answer : JSON.parse(answer)).toEqual(answer === 'reset' ? 'reset' : refusal);
  });
});
