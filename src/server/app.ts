// The emulator's parts wired together once: config, store, clock, engine, handlers, log.
import type { Config } from '../config.js';
import { type IdGenerator, randomIds } from '../domain/ids.js';
import { isPageTokenKey, newPageTokenKey } from '../domain/pagination.js';
import { Clock, type ClockState, initialClockState, isSpeedFactor, LATEST_STORED_MS } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { Consistency } from '../faults/consistency.js';
import { Faults } from '../faults/faults.js';
import { handlers, transitionAppliers } from '../handlers/index.js';
import type { Handlers } from '../handlers/types.js';
import { createLogger, type Logger } from '../log.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { AnswerCache } from './answer-cache.js';

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly engine: Engine;
  readonly ids: IdGenerator;
  readonly log: Logger;
  readonly handlers: Partial<Handlers>;
  readonly answers: AnswerCache;
  /** Injected failures (src/faults/). */
  readonly faults: Faults;
  /** Strong or eventual reads of new resources; switchable at run time (src/faults/consistency.ts). */
  readonly consistency: Consistency;
  readonly startedAt: number;
  /** Saves the clock so a restart with the same data dir resumes the same instant. */
  persistClock(): void;
  /** The key NextToken values are sealed with (src/domain/pagination.ts): in the store's meta, made on first use. */
  readonly pageTokenKey: () => string;
  /** Takes a fixture's key, so the tokens it was exported with keep working here. */
  setPageTokenKey(key: string): void;
}

const PAGE_TOKEN_KEY = 'page_token_key';

/**
 * Read once and kept: node:crypto loads only when the first token is made, not at start. With a shared store it is
 * read from the database each time: another instance may have made it, or replaced it by an import, and a first use
 * racing another instance's is retried as a serialization conflict, so every instance ends up sealing with one key.
 */
function pageTokenKeys(store: Store, shared: boolean): Pick<App, 'pageTokenKey' | 'setPageTokenKey'> {
  let cached: string | undefined;
  return {
    pageTokenKey: () => {
      if (cached !== undefined && !shared) return cached;
      const saved = store.getMeta(PAGE_TOKEN_KEY);
      cached = isPageTokenKey(saved) ? saved : newPageTokenKey();
      if (cached !== saved) store.setMeta(PAGE_TOKEN_KEY, cached);
      return cached;
    },
    setPageTokenKey: (key) => {
      store.setMeta(PAGE_TOKEN_KEY, key);
      cached = key;
    },
  };
}

const CLOCK_KEY = 'clock';

/** Room for thousands of typical describe answers; a store change empties it. */
const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

/** A saved clock this build can resume: one an older build moved out of range starts afresh instead of failing. */
function isResumable(state: ClockState): boolean {
  const inRange = (ms: number) => ms >= 0 && ms <= LATEST_STORED_MS;
  return (
    isSpeedFactor(state.speedFactor) &&
    inRange(new Clock(state).now()) &&
    (state.savedAtMs === undefined || inRange(state.savedAtMs))
  );
}

/** The saved clock in the configured mode (see Clock.resume), or a new one; saved at once. */
function restoreClock(store: Store, config: Config): Clock {
  const clock = new Clock(initialClockState(config.clock, config.speedFactor));
  // One transaction: instances starting together on one database agree on one clock.
  store.transaction(() => {
    const saved = store.getMeta(CLOCK_KEY);
    const state = saved ? (JSON.parse(saved) as ClockState) : undefined;
    if (state !== undefined && isResumable(state)) clock.resume(state, config.clock, config.speedFactor);
    else clock.restore(initialClockState(config.clock, config.speedFactor));
    store.setMeta(CLOCK_KEY, JSON.stringify(clock.snapshot()));
  });
  return clock;
}

function openStore(config: Config): Store {
  if (config.databaseUrl !== undefined) return openPostgresStore({ url: config.databaseUrl });
  return openSqliteStore({ dataDir: config.dataDir });
}

export function createApp(config: Config, log: Logger = createLogger(config.logLevel)): App {
  const store = openStore(config);
  const shared = store.info.kind === 'postgres';
  let clock: Clock;
  try {
    clock = restoreClock(store, config);
  } catch (error) {
    store.close();
    throw error;
  }
  if (shared) {
    clock.shareThrough(() => {
      const saved = store.getMeta(CLOCK_KEY);
      return saved ? (JSON.parse(saved) as ClockState) : undefined;
    });
  }
  const engine = new Engine(store, clock, transitionAppliers, randomIds);
  const app: App = {
    config,
    store,
    clock,
    engine,
    ids: randomIds,
    log,
    handlers,
    // Shared store: another instance's write would not move this instance's change count, so nothing is reused.
    answers: new AnswerCache(config.answerCache && !shared ? ANSWER_CACHE_BYTES : 0),
    faults: new Faults(store, clock, randomIds),
    consistency: new Consistency(config.consistency),
    startedAt: Date.now(),
    persistClock: () => store.setMeta(CLOCK_KEY, JSON.stringify(clock.snapshot())),
    ...pageTokenKeys(store, shared),
  };
  return app;
}
