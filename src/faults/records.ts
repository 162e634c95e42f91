// Injected faults as the store keeps them: documents of kind 'fault' in a scope of their own, so they apply across
// accounts, survive a restart with a data dir, travel in fixtures and go away with a full reset.
import { merged } from '../objects.js';
import type { Scope, Store } from '../store/types.js';

export type FaultKind = 'deployment' | 'api' | 'transition';

/** One time a fault changed what the emulator did. */
export interface FaultHit {
  /** ISO time on the emulator's clock. */
  at: string;
  account: string;
  region: string;
  /** The resource id the fault acted on. */
  target: string;
}

export interface FaultBase {
  faultId: string;
  kind: FaultKind;
  /** Selectors: what a fault acts on must match every one that is set. */
  account?: string;
  region?: string;
  /** How many more times it acts; absent: every time until removed. 0: spent, kept for its record. */
  remaining?: number;
  /** How many times it has acted. */
  fired: number;
  /** The latest times it acted, oldest first (at most MAX_HITS). */
  hits: FaultHit[];
  /** ISO time on the emulator's clock. */
  createdAt: string;
}

export interface DeploymentFault extends FaultBase {
  kind: 'deployment';
  workspaceId?: string;
  applicationId?: string;
  errorCode: string;
  errorMessage: string;
}

/** An AWS call answered with an error, late, or both. */
export interface ApiFault extends FaultBase {
  kind: 'api';
  /** An operation name of the model, or '*' for every operation. */
  operation: string;
  errorCode?: string;
  message?: string;
  /** Chance that a matching call is hit; absent: every one. */
  probability?: number;
  /** What the draws start from, so a run can be repeated. */
  seed?: number;
  /** The draw generator's state after the latest draw. */
  rngState?: number;
  /** How long the answer is held back, in real milliseconds. */
  latencyMs?: number;
}

/** An asynchronous change that ends in failure (src/faults/transitions.ts lists them). */
export interface TransitionFault extends FaultBase {
  kind: 'transition';
  resource: string;
  transition: string;
  /** The state the resource ends in. */
  outcome: string;
  /** Only the resource with this id. */
  id?: string;
  errorCode?: string;
  errorMessage?: string;
  /** Images: the ErrorDetails codes. */
  errorDetails?: string[];
}

export type FaultRecord = DeploymentFault | ApiFault | TransitionFault;

/** Faults apply across accounts, so they live in one scope of their own (a full reset clears them). */
export const FAULT_SCOPE: Scope = { account: 'emulator', region: 'faults' };

/** Kept small so matching against every fault stays cheap. */
export const MAX_FAULTS = 100;

/** Enough to see what a fault hit without the record growing with every call. */
export const MAX_HITS = 10;

const faults = (store: Store) => store.collection<FaultRecord>('fault');

/** Faults written before faults had kinds and counters were all deployment faults. */
function upgraded(fault: FaultRecord): FaultRecord {
  if (fault.kind !== undefined && fault.fired !== undefined && fault.hits !== undefined) return fault;
  // Only members every kind shares change, so the record keeps its kind's shape.
  return merged(fault, {
    kind: fault.kind ?? 'deployment',
    fired: fault.fired ?? 0,
    hits: fault.hits ?? [],
  }) as FaultRecord;
}

/** Every fault, spent ones included, oldest first. */
export function allFaults(store: Store): FaultRecord[] {
  return faults(store).page(FAULT_SCOPE, 0, MAX_FAULTS).items.map(upgraded);
}

export function countFaults(store: Store): number {
  return faults(store).count(FAULT_SCOPE);
}

export function getFault(store: Store, faultId: string): FaultRecord | undefined {
  const fault = faults(store).get(FAULT_SCOPE, faultId);
  return fault && upgraded(fault);
}

export function putFault(store: Store, fault: FaultRecord): void {
  faults(store).put(FAULT_SCOPE, fault.faultId, fault);
}

export function deleteFault(store: Store, faultId: string): boolean {
  return faults(store).delete(FAULT_SCOPE, faultId);
}

export const isActive = (fault: FaultRecord): boolean => fault.remaining === undefined || fault.remaining > 0;

export const matchesScope = (fault: FaultBase, scope: Scope): boolean =>
  (fault.account === undefined || fault.account === scope.account) &&
  (fault.region === undefined || fault.region === scope.region);

/** Counts one action of the fault on `target` in `scope`: one less remaining, one more fired, and where it hit. */
export function recordHit(store: Store, fault: FaultRecord, now: number, scope: Scope, target: string): void {
  const hit: FaultHit = { at: new Date(now).toISOString(), account: scope.account, region: scope.region, target };
  putFault(
    store,
    merged(fault, {
      fired: fault.fired + 1,
      hits: [...fault.hits, hit].slice(-MAX_HITS),
      ...(fault.remaining !== undefined && { remaining: fault.remaining - 1 }),
    }) as FaultRecord,
  );
}

/** The oldest fault that `applies`, counted as fired on `target`; undefined when none does. */
export function takeOldest<F extends FaultRecord>(
  store: Store,
  now: number,
  scope: Scope,
  target: string,
  applies: (fault: FaultRecord) => fault is F,
): F | undefined {
  const fault = allFaults(store).find(applies);
  if (fault) recordHit(store, fault, now, scope, target);
  return fault;
}
