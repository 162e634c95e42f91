// Helpers for sigv4-mode tests: a credentials file on disk and SDK clients that sign as one of its principals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';

export interface TestPrincipal {
  name: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  policies?: unknown[];
}

/** Writes the principals to a fresh credentials file and returns its path. */
export function writeCredentialsFile(principals: readonly TestPrincipal[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wsl-auth-')), 'credentials.json');
  writeFileSync(path, JSON.stringify({ principals }));
  return path;
}

export interface ClientOptions {
  region?: string;
  /** Overrides the principal's secret, e.g. to sign wrongly. */
  secretAccessKey?: string;
  sessionToken?: string;
  /** Milliseconds the client's clock is off, as the SDK's own skew setting. */
  systemClockOffset?: number;
}

export function signedClient(endpoint: string, principal: TestPrincipal, options: ClientOptions = {}) {
  const sessionToken = options.sessionToken ?? principal.sessionToken;
  return new WorkSpacesClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: principal.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? principal.secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
    ...(options.systemClockOffset === undefined ? {} : { systemClockOffset: options.systemClockOffset }),
    maxAttempts: 1,
  });
}

/** One IAM policy document. */
export const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
