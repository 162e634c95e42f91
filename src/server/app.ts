// The emulator's parts wired together once: config, store, clock, engine, handlers, log.
import type { Config } from '../config.js';
import { type IdGenerator, randomIds } from '../domain/ids.js';
import { Clock, type ClockState, initialClockState } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { Faults } from '../faults/faults.js';
import { handlers, transitionAppliers } from '../handlers/index.js';
import type { Handlers } from '../handlers/types.js';
import { createLogger, type Logger } from '../log.js';
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
  readonly startedAt: number;
  /** Saves the clock so a restart with the same data dir resumes the same instant. */
  persistClock(): void;
}

const CLOCK_KEY = 'clock';

/** Room for thousands of typical describe answers; a store change empties it. */
const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

function restoreClock(store: Store, config: Config): Clock {
  const saved = store.getMeta(CLOCK_KEY);
  if (!saved) return new Clock(initialClockState(config.clock, config.speedFactor));
  const clock = new Clock(JSON.parse(saved) as ClockState);
  clock.setMode(config.clock, config.speedFactor);
  return clock;
}

export function createApp(config: Config, log: Logger = createLogger(config.logLevel)): App {
  const store = openSqliteStore({ dataDir: config.dataDir });
  const clock = restoreClock(store, config);
  const engine = new Engine(store, clock, transitionAppliers, randomIds);
  const app: App = {
    config,
    store,
    clock,
    engine,
    ids: randomIds,
    log,
    handlers,
    answers: new AnswerCache(config.answerCache ? ANSWER_CACHE_BYTES : 0),
    faults: new Faults(store, clock, randomIds),
    startedAt: Date.now(),
    persistClock: () => store.setMeta(CLOCK_KEY, JSON.stringify(clock.snapshot())),
  };
  app.persistClock();
  return app;
}
