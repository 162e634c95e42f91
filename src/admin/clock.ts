// The clock seen from outside: its state as JSON, moves requested through the admin API, and catching up on them.
import type { ClockMode } from '../config.js';
import { isSpeedFactor, LATEST_CLOCK_MS, SPEED_FACTOR_MAX, SPEED_FACTOR_MIN } from '../engine/clock.js';
import type { App } from '../server/app.js';
import { badRequest, rejectUnknownFields } from './respond.js';

/**
 * Moves the clock in one transaction: takes the shared clock (PostgreSQL store), moves it, saves it (so every
 * instance, or a restart with the same data dir, sees the move) and applies what fell due.
 */
export function moveClock(app: App, move: () => void): void {
  app.store.transaction(() => {
    app.clock.sync();
    move();
    app.persistClock();
    app.engine.applyDue(app.clock.now());
  });
}

/** Moves a manual (or any) clock to the next pending transition, if there is one. */
export function advanceToNextTransition(app: App): void {
  const next = app.store.transitions.earliest();
  if (next) app.clock.advance(Math.max(0, next.due - app.clock.now()));
}

/** The clock as JSON. Due work is applied first, so an overdue transition is never reported as pending. */
export function clockView(app: App) {
  app.engine.catchUp();
  const state = app.clock.snapshot();
  const now = app.clock.now();
  const next = app.store.transitions.earliest();
  return {
    mode: state.mode,
    speedFactor: state.speedFactor,
    now: new Date(now).toISOString(),
    nowEpochSeconds: now / 1000,
    pendingTransitions: app.store.transitions.count(),
    nextTransitionAt: next ? new Date(next.due).toISOString() : null,
  };
}

const clockModes: readonly ClockMode[] = ['real', 'speed', 'instant', 'manual'];
const clockFields = ['mode', 'speedFactor', 'advanceSeconds', 'advanceTo'];

/** One move of at most a hundred years: more than any test needs, and far from what a Date can hold. */
const MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600;

interface ClockChange {
  mode?: ClockMode;
  speedFactor?: number;
  advanceSeconds?: number;
  advanceToNext: boolean;
}

/** Checks the whole body before anything moves, so a bad field changes nothing. */
function readClockChange(body: Record<string, unknown>): ClockChange {
  rejectUnknownFields(body, clockFields);
  const { mode, speedFactor, advanceSeconds, advanceTo } = body;
  if (mode !== undefined && !clockModes.includes(mode as ClockMode)) {
    throw badRequest(`mode must be one of ${clockModes.join(', ')}`);
  }
  if (speedFactor !== undefined && !isSpeedFactor(speedFactor)) {
    throw badRequest(`speedFactor must be a number from ${SPEED_FACTOR_MIN} to ${SPEED_FACTOR_MAX}`);
  }
  if (speedFactor !== undefined && mode === undefined) throw badRequest('speedFactor needs mode');
  if (
    advanceSeconds !== undefined &&
    (typeof advanceSeconds !== 'number' || !(advanceSeconds >= 0 && advanceSeconds <= MAX_ADVANCE_SECONDS))
  ) {
    throw badRequest(`advanceSeconds must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (100 years)`);
  }
  if (advanceTo !== undefined && advanceTo !== 'next') throw badRequest("advanceTo must be 'next'");
  return {
    advanceToNext: advanceTo === 'next',
    ...(mode !== undefined && { mode: mode as ClockMode }),
    ...(speedFactor !== undefined && { speedFactor: speedFactor as number }),
    ...(advanceSeconds !== undefined && { advanceSeconds: advanceSeconds as number }),
  };
}

/** { mode?, speedFactor?, advanceSeconds?, advanceTo?: 'next' } — mode first, then the move. */
export function changeClock(app: App, body: Record<string, unknown>) {
  const change = readClockChange(body);
  moveClock(app, () => {
    // After the sync: with a shared clock (PostgreSQL store) another instance may have moved it.
    if (change.advanceSeconds !== undefined && app.clock.now() + change.advanceSeconds * 1000 > LATEST_CLOCK_MS) {
      throw badRequest(`advanceSeconds would move the clock past ${new Date(LATEST_CLOCK_MS).toISOString()}`);
    }
    if (change.mode !== undefined) {
      app.clock.setMode(change.mode, change.speedFactor ?? app.clock.snapshot().speedFactor);
    }
    if (change.advanceSeconds !== undefined) app.clock.advance(change.advanceSeconds * 1000);
    if (change.advanceToNext) advanceToNextTransition(app);
  });
  return clockView(app);
}
