import { describe, expect, it } from 'vitest';
import { Clock, initialClockState } from './clock.js';

const wall = (start: number) => {
  let now = start;
  return { now: () => now, move: (ms: number) => (now += ms) };
};

describe('Clock', () => {
  it('follows the wall clock in real mode and keeps durations as they are', () => {
    const w = wall(1_000_000);
    const clock = new Clock(initialClockState('real', 1, w.now), w.now);
    w.move(500);
    expect(clock.now()).toBe(1_000_500);
    expect(clock.scale(5_000)).toBe(5_000);
  });

  it('stands still in manual mode until advanced', () => {
    const w = wall(1_000_000);
    const clock = new Clock(initialClockState('manual', 1, w.now), w.now);
    w.move(60_000);
    expect(clock.now()).toBe(1_000_000);
    clock.advance(2_500);
    expect(clock.now()).toBe(1_002_500);
  });

  it('divides durations by the speed factor and makes them zero when instant', () => {
    const w = wall(0);
    expect(new Clock(initialClockState('speed', 10, w.now), w.now).scale(5_000)).toBe(500);
    expect(new Clock(initialClockState('instant', 1, w.now), w.now).scale(5_000)).toBe(0);
  });

  it('keeps the current instant when the mode changes', () => {
    const w = wall(1_000_000);
    const clock = new Clock(initialClockState('manual', 1, w.now), w.now);
    clock.advance(10_000);
    clock.setMode('real');
    expect(clock.now()).toBe(1_010_000);
    w.move(1_000);
    expect(clock.now()).toBe(1_011_000);
    clock.setMode('manual');
    w.move(1_000);
    expect(clock.now()).toBe(1_011_000);
  });

  it('resumes a saved clock in manual mode at the instant it was saved, whatever mode ran before', () => {
    for (const mode of ['real', 'speed', 'instant', 'manual'] as const) {
      const w = wall(1_000_000);
      const running = new Clock(initialClockState(mode, 10, w.now), w.now);
      running.advance(3_000);
      const saved = running.snapshot();
      expect(saved.savedAtMs).toBe(1_003_000);
      w.move(3_600_000); // stopped for an hour
      const restarted = new Clock(initialClockState('manual', 1, w.now), w.now);
      restarted.resume(saved, 'manual', 1);
      expect(restarted.now()).toBe(1_003_000);
      w.move(1_000);
      expect(restarted.now()).toBe(1_003_000);
    }
  });

  it('resumes a saved clock in a running mode as a mode switch does', () => {
    const w = wall(1_000_000);
    const frozen = new Clock(initialClockState('manual', 1, w.now), w.now);
    const saved = frozen.snapshot();
    w.move(60_000);
    const restarted = new Clock(initialClockState('real', 1, w.now), w.now);
    restarted.resume(saved, 'real', 1);
    expect(restarted.now()).toBe(1_000_000);
    w.move(500);
    expect(restarted.now()).toBe(1_000_500);
  });

  it('refuses to move backwards', () => {
    const clock = new Clock(initialClockState('manual', 1));
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
