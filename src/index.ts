// The in-process API: start an emulator on a free port from a Node test, drive its clock, reset it, close it.
import type { AddressInfo } from 'node:net';
import { type ClockMode, type Config, resolveConfig } from './config.js';
import { type App, createApp } from './server/app.js';
import { createHttpServer } from './server/http.js';

export type { ClockMode, Config } from './config.js';

export interface EmulatorClock {
  /** The emulator's current time. */
  now(): Date;
  /** Moves time forward and applies every transition that falls due. */
  advance(seconds: number): void;
  /** Jumps to the next pending transition, if any, and applies it. */
  advanceToNext(): void;
  setMode(mode: ClockMode, speedFactor?: number): void;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:49152 */
  readonly endpoint: string;
  readonly port: number;
  readonly clock: EmulatorClock;
  /** Clears all state, or one account (and optionally one Region of it). */
  reset(filter?: { account: string; region?: string }): void;
  /** Stops accepting connections, lets in-flight requests finish, and closes the store. */
  close(): Promise<void>;
  /** Internals for the emulator's own tooling; not a stable API. */
  readonly app: App;
}

function clockOf(app: App): EmulatorClock {
  const settle = () => {
    app.store.transaction(() => app.engine.applyDue(app.clock.now()));
    app.persistClock();
  };
  return {
    now: () => new Date(app.clock.now()),
    advance(seconds) {
      app.clock.advance(seconds * 1000);
      settle();
    },
    advanceToNext() {
      const next = app.store.transitions.earliest();
      if (next) app.clock.advance(Math.max(0, next.due - app.clock.now()));
      settle();
    },
    setMode(mode, speedFactor) {
      app.clock.setMode(mode, speedFactor);
      settle();
    },
  };
}

/** Starts an emulator; by default on 127.0.0.1 with a free port, an in-memory store and a silent log. */
export async function startEmulator(options: Partial<Config> = {}): Promise<Emulator> {
  const config = resolveConfig({ port: 0, logLevel: 'silent', ...options });
  const app = createApp(config);
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    clock: clockOf(app),
    reset: (filter) => app.store.reset(filter),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      app.persistClock();
      app.store.close();
    },
    app,
  };
}
