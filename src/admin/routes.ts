// The admin API under /_emulator/: health, reset and the clock. Plain JSON in and out.
import type { ClockMode } from '../config.js';
import type { WireResponse } from '../protocol/wire-error.js';
import type { App } from '../server/app.js';
import { version } from '../version.js';
import { addFault, clearFaults, listFaults } from './faults.js';

const ADMIN_PREFIX = '/_emulator/';
const MOTO_RESET = '/moto-api/reset';

export function isAdminPath(path: string): boolean {
  return path.startsWith(ADMIN_PREFIX) || path === MOTO_RESET;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}

function readJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AdminError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AdminError(400, `${key} must be a string`);
  return value;
}

function health(app: App) {
  return {
    status: 'ok',
    version,
    uptimeSeconds: Math.round((Date.now() - app.startedAt) / 1000),
    store: app.store.info,
  };
}

function reset(app: App, body: Record<string, unknown>) {
  const account = optionalString(body, 'account');
  const region = optionalString(body, 'region');
  if (region !== undefined && account === undefined) throw new AdminError(400, 'region needs account');
  app.store.reset(account === undefined ? undefined : { account, ...(region !== undefined && { region }) });
  return { reset: account === undefined ? 'all' : { account, region: region ?? 'all' } };
}

function clockView(app: App) {
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

/** { mode?, speedFactor?, advanceSeconds?, advanceTo?: 'next' } — mode first, then the move. */
function changeClock(app: App, body: Record<string, unknown>) {
  const { mode, speedFactor, advanceSeconds, advanceTo } = body;
  if (mode !== undefined) {
    if (!clockModes.includes(mode as ClockMode))
      throw new AdminError(400, `mode must be one of ${clockModes.join(', ')}`);
    if (speedFactor !== undefined && !(typeof speedFactor === 'number' && speedFactor > 0)) {
      throw new AdminError(400, 'speedFactor must be a positive number');
    }
    app.clock.setMode(mode as ClockMode, (speedFactor as number | undefined) ?? app.clock.snapshot().speedFactor);
  }
  if (advanceSeconds !== undefined) {
    if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
      throw new AdminError(400, 'advanceSeconds must be a number of seconds, zero or more');
    }
    app.clock.advance(advanceSeconds * 1000);
  }
  if (advanceTo !== undefined) {
    if (advanceTo !== 'next') throw new AdminError(400, "advanceTo must be 'next'");
    const next = app.store.transitions.earliest();
    if (next) app.clock.advance(Math.max(0, next.due - app.clock.now()));
  }
  app.store.transaction(() => app.engine.applyDue(app.clock.now()));
  app.persistClock();
  return clockView(app);
}

function route(app: App, method: string, path: string, body: Buffer): unknown {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /_emulator/health':
      return health(app);
    case 'POST /_emulator/reset':
    case `POST ${MOTO_RESET}`:
      return reset(app, readJson(body));
    case 'GET /_emulator/clock':
      return clockView(app);
    case 'POST /_emulator/clock':
      return changeClock(app, readJson(body));
    case 'GET /_emulator/faults':
      return listFaults(app);
    case 'POST /_emulator/faults':
      return addFault(app, readJson(body), (message) => new AdminError(400, message));
    case 'DELETE /_emulator/faults':
      return clearFaults(app);
    default:
      throw new AdminError(404, `no admin route ${key}`);
  }
}

export function handleAdminRequest(app: App, method: string, path: string, body: Buffer): WireResponse {
  try {
    return json(200, route(app, method, path, body));
  } catch (error) {
    if (error instanceof AdminError) return json(error.status, { error: error.message });
    throw error;
  }
}
