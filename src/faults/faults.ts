// The faults of one emulator: add, list, remove, clear. The admin API and the in-process API both go through here.
import type { IdGenerator } from '../domain/ids.js';
import type { Clock } from '../engine/clock.js';
import type { Scope, Store } from '../store/types.js';
import { type ApiFaultAction, activeApiFaults, takeApiFault } from './api.js';
import { FaultInputError, readFault } from './input.js';
import {
  allFaults,
  countFaults,
  deleteFault,
  type FaultHit,
  type FaultRecord,
  MAX_FAULTS,
  putFault,
} from './records.js';

export class Faults {
  /** The store's change count when it was last seen to hold no active API fault; -1: not known. */
  private noApiFaultsAt = -1;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Checks the whole body, then stores the fault; throws FaultInputError, storing nothing, when it is invalid. */
  add(body: unknown): FaultRecord {
    const hits: FaultHit[] = [];
    const fault: FaultRecord = Object.assign({ faultId: this.ids.next('fault') }, readFault(body), {
      fired: 0,
      hits,
      createdAt: new Date(this.clock.now()).toISOString(),
    });
    return this.store.transaction(() => {
      if (countFaults(this.store) >= MAX_FAULTS) throw new FaultInputError(`at most ${MAX_FAULTS} faults can be set`);
      putFault(this.store, fault);
      return fault;
    });
  }

  /**
   * What an API fault does to this call, if one hits it. Every AWS call asks, so the answer "none" is remembered
   * until the store changes: no query while nothing is written.
   */
  forCall(operation: string, scope: Scope): ApiFaultAction | undefined {
    const changeCount = this.store.changeCount();
    if (changeCount === this.noApiFaultsAt) return undefined;
    if (activeApiFaults(this.store).length === 0) {
      this.noApiFaultsAt = changeCount;
      return undefined;
    }
    return this.store.transaction(() => takeApiFault(this.store, this.clock.now(), operation, scope));
  }

  /** Every fault, oldest first, with how many times each fired; spent ones stay until removed. */
  list(): FaultRecord[] {
    return allFaults(this.store);
  }

  /** Whether a fault with this id was there to remove. */
  remove(faultId: string): boolean {
    return this.store.transaction(() => deleteFault(this.store, faultId));
  }

  /** Removes every fault; answers how many there were. */
  clear(): number {
    return this.store.transaction(() => {
      const all = allFaults(this.store);
      for (const fault of all) deleteFault(this.store, fault.faultId);
      return all.length;
    });
  }
}
