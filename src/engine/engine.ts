// Asynchronous state changes as data: each is a row with a due time, applied in order when the clock passes it.
// Nothing hangs on a timer, so transitions survive a restart and a manual clock steps through them exactly.
import type { IdGenerator } from '../domain/ids.js';
import type { Scope, Store, TransitionRecord } from '../store/types.js';
import type { Clock } from './clock.js';

export interface TransitionContext {
  readonly scope: Scope;
  /** The instant the transition was due: timestamps it writes read as when it happened, not when it was seen. */
  readonly now: number;
  readonly store: Store;
  readonly engine: Engine;
  readonly ids: IdGenerator;
}

export type TransitionApplier = (ctx: TransitionContext, target: string, payload: unknown) => void;

/** A bound on the work one request may do catching up, so a huge backlog cannot stall a single call. */
const MAX_APPLIED_PER_CALL = 10_000;

export class Engine {
  constructor(
    private readonly store: Store,
    readonly clock: Clock,
    private readonly appliers: Readonly<Record<string, TransitionApplier>>,
    private readonly ids: IdGenerator,
  ) {}

  /** Schedules `kind` to run `nominalMs` after `from`, scaled by the clock mode. */
  schedule(scope: Scope, from: number, nominalMs: number, kind: string, target: string, payload?: unknown): void {
    if (!(kind in this.appliers)) throw new Error(`no applier registered for transition ${kind}`);
    this.store.transitions.schedule(scope, from + this.clock.scale(nominalMs), kind, target, payload);
  }

  /**
   * Applies every transition due at or before `now`, oldest first; returns how many ran. Call inside a transaction.
   * Under the instant clock every wait is zero, so transitions scheduled under a slower clock (before a switch to
   * instant, or before a restart in it) are all due too: they run as of `now`.
   */
  applyDue(now: number): number {
    const horizon = this.clock.isInstant() ? Number.MAX_SAFE_INTEGER : now;
    let applied = 0;
    for (let next = this.store.transitions.nextDue(horizon); next; next = this.store.transitions.nextDue(horizon)) {
      this.apply(next, Math.min(next.due, now));
      if (++applied >= MAX_APPLIED_PER_CALL) break;
    }
    return applied;
  }

  /** Applies, in one transaction, every transition due by the clock's now, as a request would before reading. */
  catchUp(): void {
    this.store.transaction(() => {
      this.clock.sync();
      this.applyDue(this.clock.now());
    });
  }

  /** Runs one transition as of `at`: its due time, or the present for one pulled forward by the instant clock. */
  private apply(t: TransitionRecord, at: number): void {
    this.store.transitions.remove(t.id);
    const applier = this.appliers[t.kind];
    if (!applier) return;
    applier({ scope: t.scope, now: at, store: this.store, engine: this, ids: this.ids }, t.target, t.payload);
  }
}
