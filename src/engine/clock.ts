// The emulator's clock. Real and speed modes follow the wall clock; manual mode moves only when told to.
// Durations of asynchronous transitions are scaled here, so 'instant' and 'speed' never bend timestamps.
import type { ClockMode } from '../config.js';

/** The clock is never moved past the end of year 9999: far enough for any test, and every time stays a valid Date. */
export const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/**
 * Stored times (a transition scheduled near the clock's end, a fixture's rows) may lie up to a year beyond it;
 * a hard limit for the clock too, so no moves leaves a time Date cannot represent.
 */
export const LATEST_STORED_MS = LATEST_CLOCK_MS + 366 * 24 * 3600 * 1000;
/** Speed factors a clock accepts: a duration shrinks at most a millionfold and grows at most a thousandfold. */
export const SPEED_FACTOR_MIN = 0.001;
export const SPEED_FACTOR_MAX = 1_000_000;

export const isSpeedFactor = (value: unknown): value is number =>
  typeof value === 'number' && value >= SPEED_FACTOR_MIN && value <= SPEED_FACTOR_MAX;

function requireSpeedFactor(value: number): void {
  if (!isSpeedFactor(value))
    throw new RangeError(`the speed factor must be from ${SPEED_FACTOR_MIN} to ${SPEED_FACTOR_MAX}`);
}

export interface ClockState {
  mode: ClockMode;
  /** Milliseconds added to the wall clock (real/speed/instant) or the frozen time itself (manual). */
  offsetMs: number;
  speedFactor: number;
  /** The clock's instant when this state was saved (the last save of a run is its stop): where manual resumes. */
  savedAtMs?: number;
}

export class Clock {
  private state: ClockState;
  /** Set when the clock is shared between instances (PostgreSQL store): where sync() reads it. */
  private load: (() => ClockState | undefined) | undefined;

  constructor(
    state: ClockState,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.state = { ...state };
  }

  now(): number {
    return this.state.mode === 'manual' ? this.state.offsetMs : this.wallNow() + this.state.offsetMs;
  }

  isInstant(): boolean {
    return this.state.mode === 'instant';
  }

  /** How long a transition of nominal `ms` takes on this clock. */
  scale(ms: number): number {
    if (this.state.mode === 'instant') return 0;
    if (this.state.mode === 'speed') return ms / this.state.speedFactor;
    return ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    if (this.now() + ms > LATEST_STORED_MS) throw new RangeError('the clock cannot move past year 10000');
    this.state.offsetMs += ms;
  }

  /** Switching modes keeps the current instant, so time never jumps. */
  setMode(mode: ClockMode, speedFactor = this.state.speedFactor): void {
    requireSpeedFactor(speedFactor);
    const now = this.now();
    this.state = { mode, speedFactor, offsetMs: mode === 'manual' ? now : now - this.wallNow() };
  }

  /** Takes a saved state as it is. */
  restore(state: ClockState): void {
    this.state = { ...state };
  }

  /**
   * Continues a saved clock after a restart in `mode`. Manual resumes the instant the clock was saved at (its stop),
   * whatever mode ran before: a running clock would otherwise have moved on with the wall clock while stopped. The
   * other modes switch as setMode does.
   */
  resume(saved: ClockState, mode: ClockMode, speedFactor: number): void {
    this.restore(saved);
    if (mode === 'manual' && saved.savedAtMs !== undefined) {
      this.state = { mode, speedFactor, offsetMs: saved.savedAtMs };
      return;
    }
    this.setMode(mode, speedFactor);
  }

  /** Makes the clock shared: sync() then reads the state any instance saved last. */
  shareThrough(load: () => ClockState | undefined): void {
    this.load = load;
  }

  /**
   * With a shared clock, takes the state another instance may have moved: call inside the transaction that reads the
   * time. Does nothing otherwise (one process owns its clock).
   */
  sync(): void {
    const saved = this.load?.();
    if (saved) this.state = { ...saved };
  }

  /** The state to save, stamped with the current instant. */
  snapshot(): ClockState {
    return {
      mode: this.state.mode,
      offsetMs: this.state.offsetMs,
      speedFactor: this.state.speedFactor,
      savedAtMs: this.now(),
    };
  }
}

export function initialClockState(mode: ClockMode, speedFactor: number, wallNow: () => number = Date.now): ClockState {
  requireSpeedFactor(speedFactor);
  return { mode, speedFactor, offsetMs: mode === 'manual' ? wallNow() : 0 };
}
