// Starts one emulator per test file and hands out SDK clients for any account and Region.
// Set WORKSPACES_LOCAL_ENDPOINT to run the same tests against an emulator started elsewhere. In the `postgres` vitest
// project (WORKSPACES_LOCAL_TEST_STORE=postgres) each file's emulator keeps its state in a database of its own.
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Config, type Emulator, startEmulator } from '../../src/index.js';
import { createDatabase } from './postgres.js';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

export interface TestEmulator {
  /** The running emulator (undefined when WORKSPACES_LOCAL_ENDPOINT points elsewhere). */
  readonly emulator: Emulator;
  readonly endpoint: string;
  /** An SDK client whose access key id is the account id, so requests land in that account. */
  client(account?: string, region?: string): WorkSpacesClient;
  /** Raw POST to the emulator, for admin calls and wire-level tests. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** The store the suite runs against: an in-memory SQLite store, or a PostgreSQL database of this file's own. */
function storeOptions(options: Partial<Config>): Partial<Config> {
  if (process.env.WORKSPACES_LOCAL_TEST_STORE !== 'postgres' || options.dataDir !== undefined) return {};
  return { databaseUrl: createDatabase(inject('postgres'), 'conformance') };
}

export function useEmulator(options: Partial<Config> = {}): TestEmulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ clock: 'manual', ...storeOptions(options), ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const endpoint = () => process.env.WORKSPACES_LOCAL_ENDPOINT ?? emulator?.endpoint ?? 'http://not-started';
  return {
    get emulator() {
      if (!emulator) throw new Error('emulator not started yet: use it inside a test or hook');
      return emulator;
    },
    get endpoint() {
      return endpoint();
    },
    client(account = ACCOUNT_A, region = 'us-east-1') {
      return new WorkSpacesClient({
        endpoint: endpoint(),
        region,
        credentials: { accessKeyId: account, secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      });
    },
    post(path, body, headers = {}) {
      return fetch(`${endpoint()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}
