// Reads the SigV4 credential scope for the caller's account and Region; verification is the auth layer's job.

export interface CallerScope {
  accessKeyId: string | undefined;
  account: string;
  region: string;
}

export const DEFAULT_ACCOUNT = '000000000000';

const credentialPattern = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** A 12-digit access key id is taken as the account id, so tests can play several accounts with no setup. */
export function accountFor(accessKeyId: string): string {
  return /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT;
}

export function readCallerScope(authorization: string | undefined, defaultRegion: string): CallerScope {
  const match = authorization ? credentialPattern.exec(authorization) : null;
  if (!match) return { accessKeyId: undefined, account: DEFAULT_ACCOUNT, region: defaultRegion };
  const [, accessKeyId = '', , region = defaultRegion] = match;
  return { accessKeyId, account: accountFor(accessKeyId), region };
}
