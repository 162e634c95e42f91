// API faults: a matching AWS call is answered with an error as AWS sends it (status, __type, X-Amzn-ErrorType,
// message), held back for a while, or both. Which codes may be injected, with their status and default text.
import { type ErrorName, ServiceError } from '../errors.js';
import {
  type ModeledErrorName,
  modeledErrorDescriptions,
  type OperationName,
  operations,
} from '../model/generated/operations.js';
import { merged } from '../objects.js';
import type { Scope, Store } from '../store/types.js';
import { type ApiFault, allFaults, type FaultRecord, isActive, matchesScope, putFault, recordHit } from './records.js';

/** Longest delay an API fault may add: long enough to trip any SDK timeout a test sets, short of hanging a suite. */
export const MAX_LATENCY_MS = 30_000;

interface ErrorForm {
  status: number;
  message: string;
}

/**
 * Errors any operation can answer, from the Common Errors page of the WorkSpaces API Reference (status and text as
 * listed there; "Rate exceeded" is the text AWS's throttling answers carry).
 */
export const commonErrors: Readonly<Record<string, ErrorForm>> = {
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  AccessDeniedException: { status: 400, message: 'You do not have sufficient access to perform this action.' },
  InternalFailure: {
    status: 500,
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
};

/** The model gives its errors no status: every one is 400 but the one whose name says it is the server's (chosen). */
const modeledStatus = (code: ModeledErrorName): number => (code === 'InternalServerException' ? 500 : 400);

/** The codes a fault on `operation` may inject: the common ones, and those the model declares for the operation. */
export function injectableCodes(operation: OperationName | '*'): string[] {
  const modeled = operation === '*' ? [] : operations[operation].errors;
  return [...new Set([...Object.keys(commonErrors), ...modeled])];
}

export function errorForm(code: string): ErrorForm {
  const common = commonErrors[code];
  if (common) return common;
  const modeled = code as ModeledErrorName;
  return { status: modeledStatus(modeled), message: modeledErrorDescriptions[modeled] };
}

/** What a fault does to one call: an error to answer, a delay, or both. */
export interface ApiFaultAction {
  faultId: string;
  error?: ServiceError;
  latencyMs?: number;
}

/** mulberry32: a small generator whose whole state is one 32-bit number, kept in the fault's record. */
export function draw(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296, state: next };
}

const appliesTo = (fault: FaultRecord, operation: string, scope: Scope): fault is ApiFault =>
  fault.kind === 'api' &&
  isActive(fault) &&
  (fault.operation === '*' || fault.operation === operation) &&
  matchesScope(fault, scope);

/** Active API faults, the only ones a call is matched against. */
export const activeApiFaults = (store: Store): ApiFault[] =>
  allFaults(store).filter((f): f is ApiFault => f.kind === 'api' && isActive(f));

function actionOf(fault: ApiFault): ApiFaultAction {
  const action: ApiFaultAction = { faultId: fault.faultId };
  if (fault.latencyMs !== undefined) action.latencyMs = fault.latencyMs;
  if (fault.errorCode !== undefined) {
    const form = errorForm(fault.errorCode);
    action.error = new ServiceError(fault.errorCode as ErrorName, fault.message ?? form.message, {
      status: form.status,
    });
  }
  return action;
}

/**
 * The first fault, oldest first, that hits this call; a fault with a probability draws once per matching call
 * (hit or not), so a seeded run repeats exactly. Writes the draws and the hit; call inside a transaction.
 */
export function takeApiFault(store: Store, now: number, operation: string, scope: Scope): ApiFaultAction | undefined {
  for (const fault of allFaults(store)) {
    if (!appliesTo(fault, operation, scope)) continue;
    let hitFault: ApiFault = fault;
    if (fault.probability !== undefined) {
      const { value, state } = draw(fault.rngState ?? fault.seed ?? 0);
      hitFault = merged(fault, { rngState: state });
      if (value >= fault.probability) {
        putFault(store, hitFault);
        continue;
      }
    }
    recordHit(store, hitFault, now, scope, operation);
    return actionOf(hitFault);
  }
  return undefined;
}
