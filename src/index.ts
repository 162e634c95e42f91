// The in-process API: start an emulator on a free port from a Node test, drive its clock, seed it, reset it, close it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { advanceToNextTransition, moveClock } from './admin/clock.js';
import {
  changeDefaultRole,
  clearDeclaredDirectories,
  type DirectoryView,
  declareDirectory,
  listDeclaredDirectories,
  removeDeclaredDirectory,
} from './admin/directories.js';
import { type ClockMode, type Config, resolveConfig } from './config.js';
import type { DirectoryServiceType, DirectoryStage } from './domain/directory-service.js';
import { type QuotaName, resolveQuotas } from './domain/quotas.js';
import type { ConsistencySettings } from './faults/consistency.js';
import type { FaultSpec } from './faults/input.js';
import type { FaultRecord } from './faults/records.js';
import { exportFixture, importFixture } from './fixtures/fixture.js';
import type { Fixture, ImportSummary } from './fixtures/types.js';
import { type App, createApp } from './server/app.js';
import { createHttpServer } from './server/http.js';

export type { DirectoryView } from './admin/directories.js';
export type { AuthMode, ClockMode, Config, LogLevel } from './config.js';
export type { DirectoryServiceType, DirectoryStage } from './domain/directory-service.js';
export type { QuotaName, Quotas } from './domain/quotas.js';
export {
  ConsistencyInputError,
  type ConsistencyMode,
  type ConsistencySettings,
} from './faults/consistency.js';
export { FaultInputError, type FaultSpec } from './faults/input.js';
export type { FaultHit, FaultRecord } from './faults/records.js';
export type { Fixture, ImportSummary } from './fixtures/types.js';
export { FixtureError } from './fixtures/validate.js';

export interface EmulatorClock {
  /** The emulator's current time. */
  now(): Date;
  /** Moves time forward and applies every transition that falls due. */
  advance(seconds: number): void;
  /** Jumps to the next pending transition, if any, and applies it. */
  advanceToNext(): void;
  setMode(mode: ClockMode, speedFactor?: number): void;
}

/** A Directory Service directory as a test declares it (the body of POST /_emulator/directories). */
export interface DirectoryDeclaration {
  account: string;
  region: string;
  /** `d-` and hex digits. */
  directoryId: string;
  /** Default SIMPLE_AD. */
  type?: DirectoryServiceType;
  /** Directory Service's DirectoryStage; default Active. */
  stage?: DirectoryStage;
  /** Default corp.example.com. */
  dnsName?: string;
  alias?: string;
  /** Two different subnets; registrations without SubnetIds use them. */
  subnetIds?: string[];
  dnsIpAddresses?: string[];
  /** Register it with WorkSpaces at once (REGISTERED), as if RegisterWorkspaceDirectory had completed. */
  registered?: boolean;
}

/** A declaration or default-role change that is not valid; nothing was changed. */
export class DirectoryDeclarationError extends Error {
  override readonly name = 'DirectoryDeclarationError';
}

/** AWS Directory Service and IAM as the emulator plays them (docs/behaviour/directories.md). */
export interface EmulatorDirectories {
  /** Declares a directory, or replaces the declaration of the same id in that account and Region. */
  add(declaration: DirectoryDeclaration): DirectoryView;
  list(): DirectoryView[];
  /** Forgets a declaration: the id is an Active Simple AD again. Returns whether there was one. */
  remove(account: string, region: string, directoryId: string): boolean;
  clear(): number;
  /** Whether the account has the workspaces_DefaultRole IAM role (every account has it until this removes it). */
  setDefaultRole(account: string, exists: boolean): void;
}

/** Injected failures: the same faults as /_emulator/faults (docs/admin.md#faults). */
export interface EmulatorFaults {
  /** Adds a fault; throws FaultInputError, adding nothing, when it is invalid. */
  add(fault: FaultSpec): FaultRecord;
  /** Every fault, oldest first, with how many times each fired and what it hit. */
  list(): FaultRecord[];
  /** Whether there was a fault with this id to remove. */
  remove(faultId: string): boolean;
  /** Removes every fault; answers how many there were. */
  clear(): number;
}

/** Strong (the default) or eventual reads of new resources (docs/behaviour/faults.md#eventual-consistency). */
export interface EmulatorConsistency {
  get(): ConsistencySettings;
  /** Changes the mode, the window, or both; throws ConsistencyInputError, changing nothing, when invalid. */
  set(settings: Partial<ConsistencySettings>): ConsistencySettings;
}

export interface EmulatorOptions extends Omit<Partial<Config>, 'quotas'> {
  /**
   * Limits to enforce, by name (docs/quotas.md), e.g. { workspaces: 1 }; Infinity for none. The others keep
   * `quotaDefaults`.
   */
  quotas?: Partial<Record<QuotaName, number>>;
  /** 'emulator' (default): generous where AWS lets an account raise a quota; 'aws-defaults': a new account's. */
  quotaDefaults?: 'emulator' | 'aws-defaults';
  /** A fixture to start from, e.g. one written by `GET /_emulator/export` or `exportFixture()`. */
  seed?: Fixture;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:49152 */
  readonly endpoint: string;
  readonly port: number;
  readonly clock: EmulatorClock;
  readonly directories: EmulatorDirectories;
  readonly faults: EmulatorFaults;
  readonly consistency: EmulatorConsistency;
  /** Clears all state, or one account (and optionally one Region of it). */
  reset(filter?: { account: string; region?: string }): void;
  /** Replaces all state with the fixture's; throws FixtureError, changing nothing, when it is invalid. */
  seed(fixture: Fixture): ImportSummary;
  /** The whole state as a fixture that `seed()`, `--seed` or `POST /_emulator/import` can load. */
  exportFixture(): Fixture;
  /** Stops accepting connections, lets in-flight requests finish, and closes the store. */
  close(): Promise<void>;
  /** Internals for the emulator's own tooling; not a stable API. */
  readonly app: App;
}

/** How long close() waits for in-flight requests before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How often a stop closes the connections that have gone idle since it began. */
const IDLE_SWEEP_MS = 20;

function clockOf(app: App): EmulatorClock {
  return {
    now() {
      app.clock.sync();
      return new Date(app.clock.now());
    },
    advance(seconds) {
      moveClock(app, () => app.clock.advance(seconds * 1000));
    },
    advanceToNext() {
      moveClock(app, () => advanceToNextTransition(app));
    },
    setMode(mode, speedFactor) {
      moveClock(app, () => app.clock.setMode(mode, speedFactor));
    },
  };
}

function directoriesOf(app: App): EmulatorDirectories {
  const invalid = (message: string) => new DirectoryDeclarationError(message);
  return {
    add: (declaration) => declareDirectory(app, { ...declaration }, invalid),
    list: () => listDeclaredDirectories(app).directories,
    remove: (account, region, directoryId) => removeDeclaredDirectory(app, { account, region }, directoryId).removed,
    clear: () => clearDeclaredDirectories(app).cleared,
    setDefaultRole(account, exists) {
      changeDefaultRole(app, { account, exists }, invalid);
    },
  };
}

/**
 * A graceful stop for a server with keep-alive clients: in-flight requests are answered, each answer closing its
 * connection (http.ts adds Connection: close once the server stops listening), idle connections close at once, and
 * whatever is still open after the grace period is cut. Nothing is tracked per request: that cost every request.
 */
function graceful(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      // An answer written just before the stop leaves its connection idle only once it has gone out.
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
      const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
}

function listen(server: Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The host a client should dial: a wildcard bind is reached through loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an emulator; by default on 127.0.0.1 with a free port, an in-memory store, a silent log. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { seed, quotas, quotaDefaults, ...overrides } = options;
  const config = resolveConfig({
    port: 0,
    logLevel: 'silent',
    ...overrides,
    quotas: resolveQuotas(quotaDefaults ?? 'emulator', quotas ?? {}),
  });
  const app = createApp(config);
  let server: Server;
  let port: number;
  try {
    server = createHttpServer(app);
    if (seed !== undefined) importFixture(app, seed);
    port = await listen(server, config);
  } catch (error) {
    app.store.close();
    throw error;
  }
  const stopServer = graceful(server);
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${reachableHost(config.host)}:${port}`,
    port,
    clock: clockOf(app),
    directories: directoriesOf(app),
    faults: {
      add: (fault) => app.faults.add(fault),
      list: () => app.faults.list(),
      remove: (faultId) => app.faults.remove(faultId),
      clear: () => app.faults.clear(),
    },
    consistency: {
      get: () => app.consistency.get(),
      set: (settings) => app.consistency.set(settings),
    },
    reset: (filter) => app.store.reset(filter),
    seed: (fixture) => importFixture(app, fixture),
    exportFixture: () => exportFixture(app),
    close() {
      closed ??= stopServer().then(() => {
        // Synced first: with a shared clock, what another instance saved is kept, not overwritten.
        app.store.transaction(() => {
          app.clock.sync();
          app.persistClock();
        });
        app.store.close();
        app.log.flush();
      });
      return closed;
    },
    app,
  };
}
