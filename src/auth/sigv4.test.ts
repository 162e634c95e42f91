import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from './node-sha256.js';
import { parseCredentials } from './principals.js';
import { type IncomingRequest, verifySignature } from './sigv4.js';

const SECRET = 'alice-secret';
const principals = parseCredentials(
  {
    principals: [
      { name: 'alice', accountId: '111111111111', accessKeyId: 'AKIAALICE', secretAccessKey: SECRET },
      {
        name: 'temp',
        accountId: '222222222222',
        accessKeyId: 'ASIATEMP',
        secretAccessKey: 'temp-secret',
        sessionToken: 'session-token',
      },
    ],
  },
  'test',
);
const SIGNED_AT = new Date('2025-01-01T00:00:00Z');
const MINUTE = 60_000;
const BODY = '{"WorkspaceIds":["ws-abc123def"]}';

interface SignOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  unsignableHeaders?: Set<string>;
}

/** A request signed by the SDK's own signer, as the emulator receives it. */
async function signedRequest(options: SignOptions = {}): Promise<IncomingRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'workspaces',
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? 'AKIAALICE',
      secretAccessKey: options.secretAccessKey ?? SECRET,
      ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
    },
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4599,
      path: '/',
      query: {},
      headers: {
        host: '127.0.0.1:4599',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
      },
      body: BODY,
    },
    {
      signingDate: SIGNED_AT,
      ...(options.unsignableHeaders === undefined ? {} : { unsignableHeaders: options.unsignableHeaders }),
    },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/', headers, body: Buffer.from(BODY) };
}

const verify = (req: IncomingRequest, now = SIGNED_AT.getTime()) =>
  verifySignature(req, { principals, service: 'workspaces', now });

const withHeaders = (req: IncomingRequest, headers: Record<string, string | undefined>): IncomingRequest => ({
  ...req,
  headers: { ...req.headers, ...headers },
});

describe('verifySignature', () => {
  it('accepts what the SDK signer signs and names the principal and the Region of the scope', async () => {
    const verified = await verify(await signedRequest({ region: 'eu-west-1' }));
    expect(verified.principal.arn).toBe('arn:aws:iam::111111111111:user/alice');
    expect(verified.region).toBe('eu-west-1');
  });

  it('accepts a clock skew of exactly five minutes either way', async () => {
    const req = await signedRequest();
    await expect(verify(req, SIGNED_AT.getTime() + 5 * MINUTE)).resolves.toBeDefined();
    await expect(verify(req, SIGNED_AT.getTime() - 5 * MINUTE)).resolves.toBeDefined();
  });

  it('refuses a signature made with another secret', async () => {
    await expect(verify(await signedRequest({ secretAccessKey: 'wrong' }))).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('refuses a body changed after signing, even when x-amz-content-sha256 still claims the old hash', async () => {
    const req = await signedRequest();
    await expect(verify({ ...req, body: Buffer.from('{"WorkspaceIds":["ws-other0000"]}') })).rejects.toMatchObject({
      code: 'InvalidSignatureException',
    });
  });

  it('refuses a signed header changed after signing', async () => {
    const req = withHeaders(await signedRequest(), { 'x-amz-target': 'WorkspacesService.TerminateWorkspaces' });
    await expect(verify(req)).rejects.toMatchObject({ code: 'InvalidSignatureException' });
  });

  it('answers an expired signature with the times AWS prints', async () => {
    await expect(verify(await signedRequest(), SIGNED_AT.getTime() + 6 * MINUTE)).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message: 'Signature expired: 20250101T000000Z is now earlier than 20250101T000100Z (20250101T000600Z - 5 min.)',
    });
  });

  it('answers a signature from the future with the times AWS prints', async () => {
    await expect(verify(await signedRequest(), SIGNED_AT.getTime() - 6 * MINUTE)).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message:
        'Signature not yet current: 20250101T000000Z is still later than 20241231T235900Z (20241231T235400Z + 5 min.)',
    });
  });

  it('lists every credential scope problem in one message', async () => {
    await expect(verify(await signedRequest({ region: 'moon', service: 'ec2' }))).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message:
        "Credential should be scoped to a valid region, not 'moon'. Credential should be scoped to correct service: 'workspaces'. ",
    });
  });

  it('refuses a credential scope dated another day than X-Amz-Date', async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace('/20250101/', '/20241231/');
    await expect(verify(withHeaders(req, { authorization }))).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20241231' != '20250101', from '20250101T000000Z'.",
    });
  });

  it('refuses a credential without its five parts', async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace('/workspaces/aws4_request', '/workspaces');
    await expect(verify(withHeaders(req, { authorization }))).rejects.toMatchObject({
      code: 'IncompleteSignatureException',
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIAALICE/20250101/us-east-1/workspaces'",
    });
  });

  it('answers an unknown access key id as AWS does', async () => {
    await expect(verify(await signedRequest({ accessKeyId: 'AKIAUNKNOWN' }))).rejects.toMatchObject({
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('requires the session token of a principal that has one, and only that token', async () => {
    const options = { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret' };
    await expect(verify(await signedRequest({ ...options, sessionToken: 'session-token' }))).resolves.toMatchObject({
      region: 'us-east-1',
    });
    for (const sessionToken of [undefined, 'another-token']) {
      const req = await signedRequest({ ...options, ...(sessionToken === undefined ? {} : { sessionToken }) });
      await expect(verify(req)).rejects.toMatchObject({
        code: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid',
      });
    }
  });

  it('requires Host among the signed headers', async () => {
    await expect(verify(await signedRequest({ unsignableHeaders: new Set(['host']) }))).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('names an unsupported algorithm', async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512');
    await expect(verify(withHeaders(req, { authorization }))).rejects.toMatchObject({
      code: 'IncompleteSignatureException',
      message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
    });
  });

  it('refuses an X-Amz-Date that is not in ISO-8601 basic format', async () => {
    const req = withHeaders(await signedRequest(), { 'x-amz-date': '2025-01-01T00:00:00Z' });
    await expect(verify(req)).rejects.toMatchObject({
      code: 'IncompleteSignatureException',
      message:
        "Date must be in ISO-8601 'basic format'. Got '2025-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
  });

  it('lists every missing part of the Authorization header and quotes the header', async () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKIAALICE/20250101/us-east-1/workspaces/aws4_request';
    const req = withHeaders(await signedRequest(), { authorization, 'x-amz-date': undefined });
    await expect(verify(req)).rejects.toMatchObject({
      code: 'IncompleteSignatureException',
      message: `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
    });
  });

  it('answers a request without an Authorization header', async () => {
    const req = withHeaders(await signedRequest(), { authorization: undefined });
    await expect(verify(req)).rejects.toMatchObject({
      code: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('refuses header and query-string authentication together', async () => {
    const req = { ...(await signedRequest()), url: '/?X-Amz-Algorithm=AWS4-HMAC-SHA256' };
    await expect(verify(req)).rejects.toMatchObject({
      code: 'InvalidSignatureException',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });
});
