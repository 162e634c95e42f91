// Reads the SigV4 Authorization header: its parameters, and the caller's account and Region from the credential
// scope. Verifying the signature is the auth layer's job (src/auth/sigv4.ts).

export interface CallerScope {
  accessKeyId: string | undefined;
  account: string;
  region: string;
}

/** The account of requests whose access key id is not a 12-digit account id (`--default-account` changes it). */
export const DEFAULT_ACCOUNT = '000000000000';

const credentialPattern = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** Where a request names no account or Region of its own: the emulator's configured defaults. */
export interface CallerDefaults {
  defaultRegion: string;
  defaultAccount: string;
}

/** A 12-digit access key id is taken as the account id, so tests can play several accounts with no setup. */
function accountFor(accessKeyId: string, defaultAccount: string): string {
  return /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaultAccount;
}

/** With auth off: the account and Region the credential scope names, nothing verified. */
export function readCallerScope(authorization: string | undefined, defaults: CallerDefaults): CallerScope {
  const match = authorization ? credentialPattern.exec(authorization) : null;
  if (!match) return { accessKeyId: undefined, account: defaults.defaultAccount, region: defaults.defaultRegion };
  const [, accessKeyId = '', , region = defaults.defaultRegion] = match;
  return { accessKeyId, account: accountFor(accessKeyId, defaults.defaultAccount), region };
}

export interface AuthorizationParts {
  /** The first word, e.g. AWS4-HMAC-SHA256. */
  algorithm: string;
  /** Credential, SignedHeaders, Signature… by name; a parameter without `=` has an empty value. */
  params: ReadonlyMap<string, string>;
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, split on commas and spaces as Coral does. */
export function parseAuthorization(authorization: string): AuthorizationParts {
  const [algorithm = '', ...rest] = authorization.trim().split(/[, ]+/);
  const params = new Map<string, string>();
  for (const part of rest) {
    const at = part.indexOf('=');
    params.set(at < 0 ? part : part.slice(0, at), at < 0 ? '' : part.slice(at + 1));
  }
  return { algorithm, params };
}
