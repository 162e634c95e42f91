// The clock seen from outside: its state as JSON, moves requested through the admin API, and catching up on them.
import type { ClockMode } from '../config.js';
import type { App } from '../server/app.js';
import { badRequest } from './respond.js';

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
const clockFields = new Set(['mode', 'speedFactor', 'advanceSeconds', 'advanceTo']);

interface ClockChange {
  mode?: ClockMode;
  speedFactor?: number;
  advanceSeconds?: number;
  advanceToNext: boolean;
}

/** Checks the whole body before anything moves, so a bad field changes nothing. */
function readClockChange(body: Record<string, unknown>): ClockChange {
  const unknown = Object.keys(body).filter((k) => !clockFields.has(k));
  if (unknown.length > 0) throw badRequest(`unknown field(s): ${unknown.join(', ')}`);
  const { mode, speedFactor, advanceSeconds, advanceTo } = body;
  if (mode !== undefined && !clockModes.includes(mode as ClockMode)) {
    throw badRequest(`mode must be one of ${clockModes.join(', ')}`);
  }
  if (
    speedFactor !== undefined &&
    !(typeof speedFactor === 'number' && Number.isFinite(speedFactor) && speedFactor > 0)
  ) {
    throw badRequest('speedFactor must be a positive number');
  }
  if (speedFactor !== undefined && mode === undefined) throw badRequest('speedFactor needs mode');
  if (
    advanceSeconds !== undefined &&
    (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0)
  ) {
    throw badRequest('advanceSeconds must be a number of seconds, zero or more');
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
    if (change.mode !== undefined) {
      app.clock.setMode(change.mode, change.speedFactor ?? app.clock.snapshot().speedFactor);
    }
    if (change.advanceSeconds !== undefined) app.clock.advance(change.advanceSeconds * 1000);
    if (change.advanceToNext) advanceToNextTransition(app);
  });
  return clockView(app);
}
