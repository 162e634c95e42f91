import { describe, expect, it } from 'vitest';
import { randomIds } from '../domain/ids.js';
import { openSqliteStore } from '../store/sqlite.js';
import { Clock, initialClockState } from './clock.js';
import { Engine, type TransitionApplier } from './engine.js';

const scope = { account: '111111111111', region: 'us-east-1' };

function setup(appliers: Record<string, TransitionApplier>) {
  const store = openSqliteStore({ dataDir: undefined });
  const clock = new Clock(initialClockState('manual', 1, () => 1_000_000));
  return { store, clock, engine: new Engine(store, clock, appliers, randomIds) };
}

describe('Engine', () => {
  it('applies nothing before the due time and everything due, oldest first, as of its due time', () => {
    const seen: [string, number][] = [];
    const { clock, engine } = setup({ step: (ctx, target) => void seen.push([target, ctx.now]) });
    engine.schedule(scope, clock.now(), 2_000, 'step', 'b');
    engine.schedule(scope, clock.now(), 1_000, 'step', 'a');
    expect(engine.applyDue(clock.now())).toBe(0);
    clock.advance(5_000);
    expect(engine.applyDue(clock.now())).toBe(2);
    expect(seen).toEqual([
      ['a', 1_001_000],
      ['b', 1_002_000],
    ]);
  });

  it('runs chained transitions that fall due within the same step', () => {
    const seen: string[] = [];
    const { clock, engine } = setup({
      first: (ctx, target) => {
        seen.push('first');
        ctx.engine.schedule(ctx.scope, ctx.now, 1_000, 'second', target);
      },
      second: () => void seen.push('second'),
    });
    engine.schedule(scope, clock.now(), 1_000, 'first', 'x');
    clock.advance(1_500);
    engine.applyDue(clock.now());
    expect(seen).toEqual(['first']);
    clock.advance(500);
    engine.applyDue(clock.now());
    expect(seen).toEqual(['first', 'second']);
  });

  it('applies, under the instant clock, what was scheduled under a slower one, as of now', () => {
    const seen: [string, number][] = [];
    const { clock, engine } = setup({
      first: (ctx, target) => {
        seen.push([target, ctx.now]);
        ctx.engine.schedule(ctx.scope, ctx.now, 60_000, 'second', target);
      },
      second: (ctx, target) => void seen.push([`${target} again`, ctx.now]),
    });
    engine.schedule(scope, clock.now(), 5_000, 'first', 'x');
    engine.schedule(scope, clock.now(), 3_600_000, 'first', 'y');
    clock.setMode('instant');
    const now = clock.now();
    expect(engine.applyDue(now)).toBe(4);
    expect(seen).toEqual([
      ['x', now],
      ['x again', now],
      ['y', now],
      ['y again', now],
    ]);
  });

  it('refuses to schedule a transition nobody can apply', () => {
    const { clock, engine } = setup({});
    expect(() => engine.schedule(scope, clock.now(), 1, 'nope', 'x')).toThrow(/no applier/);
  });
});
