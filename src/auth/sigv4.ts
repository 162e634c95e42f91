// Verifies a request's SigV4 Authorization header with AWS's errors, in the order AWS's front end reports them.
// The canonical request, string to sign and signing key come from @smithy/signature-v4, the SDK's own signer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  ALGORITHM_IDENTIFIER,
  createScope,
  getCanonicalHeaders,
  getPayloadHash,
  getSigningKey,
  SignatureV4,
} from '@smithy/signature-v4';
import { ServiceError } from '../errors.js';
import { merged } from '../objects.js';
import { parseAuthorization } from '../protocol/credentials.js';
import { NodeSha256 } from './node-sha256.js';
import type { Principal, PrincipalDirectory } from './principals.js';

export interface IncomingRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface SignatureCheck {
  readonly principals: PrincipalDirectory;
  /** The signing name every credential scope must carry. */
  readonly service: string;
  /** Wall-clock epoch ms: SDKs sign with the machine's clock, never with the emulator's (possibly manual) one. */
  readonly now: number;
}

export interface VerifiedCaller {
  readonly principal: Principal;
  /** The Region of the credential scope. */
  readonly region: string;
}

const SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// Any Region-shaped name is valid: the emulator serves every Region, so there is no endpoint Region to compare with.
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const REQUIRED_PARAMS = ['Credential', 'Signature', 'SignedHeaders'] as const;

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

const incomplete = (message: string) => new ServiceError('IncompleteSignatureException', message);
const invalidSignature = (message: string) => new ServiceError('InvalidSignatureException', message);
const unrecognized = (message: string) => new ServiceError('UnrecognizedClientException', message);

/** Own header values only: a signed header named "__proto__" must not read the prototype. */
function header(req: IncomingRequest, name: string): string | undefined {
  const value = Object.hasOwn(req.headers, name) ? req.headers[name] : undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

function splitUrl(url: string): { path: string; query: Record<string, string | string[]> } {
  const at = url.indexOf('?');
  const query: Record<string, string | string[]> = Object.create(null);
  if (at >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
      const seen = query[key];
      query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
  }
  return { path: at >= 0 ? url.slice(0, at) : url, query };
}

/** yyyymmddThhmmssZ, as X-Amz-Date and AWS's messages write instants. */
export function toAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function parseAmzDate(value: string): number | undefined {
  const parts = AMZ_DATE.exec(value);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return toAmzDate(ms) === value ? ms : undefined;
}

/** The signing instant from X-Amz-Date, else from the Date header (RFC 7231). */
function signingInstant(req: IncomingRequest): { ms: number; longDate: string } {
  const amzDate = header(req, 'x-amz-date');
  const raw = amzDate ?? header(req, 'date') ?? '';
  const ms = amzDate === undefined ? Date.parse(raw) : parseAmzDate(amzDate);
  if (ms === undefined || Number.isNaN(ms)) {
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${raw}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return { ms, longDate: amzDate ?? toAmzDate(ms) };
}

function checkSkew(signedAt: { ms: number; longDate: string }, now: number): void {
  if (signedAt.ms < now - SKEW_MS) {
    throw invalidSignature(
      `Signature expired: ${signedAt.longDate} is now earlier than ${toAmzDate(now - SKEW_MS)} (${toAmzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt.ms > now + SKEW_MS) {
    throw invalidSignature(
      `Signature not yet current: ${signedAt.longDate} is still later than ${toAmzDate(now + SKEW_MS)} (${toAmzDate(now)} + 5 min.)`,
    );
  }
}

interface Scope {
  accessKeyId: string;
  date: string;
  region: string;
}

/** Credential = <key id>/<yyyymmdd>/<region>/<service>/aws4_request; trailing slashes are ignored, as AWS does. */
function checkCredential(credential: string, longDate: string, service: string): Scope {
  const parts = credential.replace(/\/+$/, '').split('/');
  if (parts.length !== 5) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId = '', date = '', region = '', scopeService = '', terminator = ''] = parts;
  let problems = '';
  if (!REGION.test(region)) problems += `Credential should be scoped to a valid region, not '${region}'. `;
  if (scopeService !== service) problems += `Credential should be scoped to correct service: '${service}'. `;
  if (terminator !== 'aws4_request') {
    problems += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  }
  if (date !== longDate.slice(0, 8)) {
    problems += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${longDate.slice(0, 8)}', from '${longDate}'.`;
  }
  if (problems) throw invalidSignature(problems);
  return { accessKeyId, date, region };
}

/** The SDK's signer, reused for its canonical request and string to sign (protected members of SignatureV4). */
class CanonicalSigner extends SignatureV4 {
  constructor(private readonly serviceName: string) {
    super({
      service: serviceName,
      region: 'us-east-1',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256: NodeSha256,
    });
  }

  /** The signature AWS computes for the request with the principal's secret. */
  async expectedSignature(
    req: IncomingRequest,
    signedHeaders: readonly string[],
    longDate: string,
    scope: Scope,
    principal: Principal,
  ): Promise<string> {
    const { path, query } = splitUrl(req.url);
    const headers: Record<string, string> = Object.create(null);
    for (const name of signedHeaders) {
      const value = header(req, name);
      if (value !== undefined) headers[name] = value;
    }
    const request = { method: req.method, protocol: 'http:', hostname: '', path, query, headers, body: req.body };
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders));
    // The hash of the body as received: a client's x-amz-content-sha256 claim is not trusted.
    const payloadHash = await getPayloadHash(merged(request, { headers: {} }), NodeSha256);
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const credentialScope = createScope(scope.date, scope.region, this.serviceName);
    const stringToSign = await this.createStringToSign(
      longDate,
      credentialScope,
      canonicalRequest,
      ALGORITHM_IDENTIFIER,
    );
    const secret = { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey };
    const key = await getSigningKey(NodeSha256, secret, scope.date, scope.region, this.serviceName);
    return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  }
}

const signers = new Map<string, CanonicalSigner>();

function signerFor(service: string): CanonicalSigner {
  let signer = signers.get(service);
  if (!signer) {
    signer = new CanonicalSigner(service);
    signers.set(service, signer);
  }
  return signer;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks in the order DynamoDB's and Kinesis's Coral front ends were observed to (see wire-protocol.md §3). */
export async function verifySignature(req: IncomingRequest, check: SignatureCheck): Promise<VerifiedCaller> {
  const authorization = header(req, 'authorization');
  const hasQueryAuth = splitUrl(req.url).query['X-Amz-Algorithm'] !== undefined;
  if (authorization !== undefined && hasQueryAuth) {
    throw invalidSignature("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (authorization === undefined) {
    if (hasQueryAuth) {
      throw incomplete(
        'Query-string (presigned) authentication is not supported by workspaces-local; sign the Authorization header.',
      );
    }
    throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const { algorithm, params } = parseAuthorization(authorization);
  let missing = '';
  for (const name of REQUIRED_PARAMS) {
    if (!params.get(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  if (header(req, 'x-amz-date') === undefined && header(req, 'date') === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing) throw incomplete(`${missing}Authorization=${authorization}`);

  const signedAt = signingInstant(req);
  checkSkew(signedAt, check.now);
  const signedHeaders = (params.get('SignedHeaders') ?? '').toLowerCase().split(';');
  if (!signedHeaders.includes('host'))
    throw invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  const scope = checkCredential(params.get('Credential') ?? '', signedAt.longDate, check.service);
  const principal = check.principals.get(scope.accessKeyId);
  if (!principal) throw unrecognized(INVALID_TOKEN);

  const expected = await signerFor(check.service).expectedSignature(
    req,
    signedHeaders,
    signedAt.longDate,
    scope,
    principal,
  );
  if (!sameSignature(expected, params.get('Signature') ?? '')) throw invalidSignature(MISMATCH);
  // AWS checks the session token last and words this message without the final period.
  if (header(req, 'x-amz-security-token') !== principal.sessionToken) throw unrecognized(INVALID_TOKEN.slice(0, -1));
  return { principal, region: scope.region };
}
