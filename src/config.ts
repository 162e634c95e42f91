// One typed configuration for the emulator, with defaults; the CLI and startEmulator() fill it in.
import { emulatorQuotas, type Quotas } from './domain/quotas.js';
import type { ConsistencyMode } from './faults/consistency.js';
import { DEFAULT_ACCOUNT } from './protocol/credentials.js';

export type ClockMode = 'real' | 'speed' | 'instant' | 'manual';
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';
export type AuthMode = 'off' | 'sigv4';
export type { ConsistencyMode } from './faults/consistency.js';

export interface Config {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file lives here when set; otherwise the store is in memory. */
  dataDir: string | undefined;
  /**
   * postgres://USER@HOST:PORT/DB: state lives in that PostgreSQL database, shared by every instance pointed at it
   * (docs/scale-out.md); dataDir is then unused.
   */
  databaseUrl: string | undefined;
  clock: ClockMode;
  /** With clock 'speed': asynchronous transitions take duration / speedFactor. */
  speedFactor: number;
  auth: AuthMode;
  /** With auth 'sigv4': the file that defines principals, their secrets and policies. */
  credentialsFile: string | undefined;
  /** Required on /_emulator/ calls when set; always required when bound beyond loopback. */
  adminToken: string | undefined;
  /**
   * Host names served besides loopback names, address literals and `host`; '*' serves any. Other Host headers are
   * refused, which closes DNS rebinding.
   */
  allowedHosts: readonly string[];
  /** Web origins whose pages may call the AWS API (CORS); none by default. Never opens the admin API. */
  corsOrigins: readonly string[];
  logLevel: LogLevel;
  /** Region used when a request carries no credential scope. */
  defaultRegion: string;
  /**
   * With auth off: the account of requests whose access key id is not a 12-digit account id, or that carry none
   * (moto's suites assume 123456789012).
   */
  defaultAccount: string;
  maxBodyBytes: number;
  /**
   * Answer a repeated read from its encoded answer while nothing stored has changed (src/server/answer-cache.ts);
   * off, every request runs its handler.
   */
  answerCache: boolean;
  /** Every limit the emulator enforces (src/domain/quotas.ts); generous by default. */
  quotas: Quotas;
  /** 'eventual': new WorkSpaces, images and bundles stay out of their Describe call for a while (src/faults/). */
  consistency: ConsistencyMode;
}

export const defaultConfig: Readonly<Config> = {
  host: '127.0.0.1',
  port: 4599,
  dataDir: undefined,
  databaseUrl: undefined,
  clock: 'real',
  speedFactor: 1,
  auth: 'off',
  credentialsFile: undefined,
  adminToken: undefined,
  allowedHosts: [],
  corsOrigins: [],
  logLevel: 'info',
  defaultRegion: 'us-east-1',
  defaultAccount: DEFAULT_ACCOUNT,
  maxBodyBytes: 10 * 1024 * 1024,
  answerCache: true,
  quotas: emulatorQuotas,
  consistency: 'strong',
};

export function resolveConfig(overrides: Partial<Config> = {}): Config {
  const config = { ...defaultConfig };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (config as Record<string, unknown>)[key] = value;
  }
  return config;
}
