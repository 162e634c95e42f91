// Injected deployment failures: rules, set through /_emulator/faults, that make chosen application deployments end
// in ERROR with a given AssociationErrorCode. They are documents in the store, so they survive a restart.
import type { DeploymentFailure } from '../domain/application-rules.js';
import type { AssociationErrorCode } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { App } from '../server/app.js';
import type { Scope, Store } from '../store/types.js';

export interface FaultRecord {
  faultId: string;
  /** Selectors: a deployment must match every one that is set. */
  account?: string;
  region?: string;
  workspaceId?: string;
  applicationId?: string;
  /** How many more deployments fail; absent: every matching one until the faults are cleared. */
  remaining?: number;
  errorCode: AssociationErrorCode;
  errorMessage: string;
  /** ISO time on the emulator's clock. */
  createdAt: string;
}

/** One application of one WorkSpace being taken into a deployment. */
export interface DeploymentTarget {
  scope: Scope;
  workspaceId: string;
  applicationId: string;
}

/** Faults apply across accounts, so they live in one scope of their own (a full reset clears them). */
const FAULT_SCOPE: Scope = { account: 'emulator', region: 'faults' };

/** Kept small so matching a deployment against every fault stays cheap. */
export const MAX_FAULTS = 100;

const defaultMessages: Readonly<Record<AssociationErrorCode, string>> = {
  'ValidationError.InsufficientDiskSpace':
    'There is not enough free space on the root volume to install the application.',
  'ValidationError.InsufficientMemory': 'The WorkSpace does not have enough memory to run the application.',
  'ValidationError.UnsupportedOperatingSystem':
    'The application does not support the operating system of the WorkSpace.',
  'ValidationError.ApplicationOldVersionExists': 'An older version of the application is installed on the WorkSpace.',
  'DeploymentError.InternalServerError': 'The deployment failed because of an internal error.',
  'DeploymentError.WorkspaceUnreachable': 'The WorkSpace could not be reached during the deployment.',
};

const errorCodes = Object.keys(defaultMessages) as AssociationErrorCode[];

const faults = (store: Store) => store.collection<FaultRecord>('fault');

function allFaults(store: Store): FaultRecord[] {
  return faults(store).page(FAULT_SCOPE, 0, MAX_FAULTS).items;
}

function matches(fault: FaultRecord, target: DeploymentTarget): boolean {
  return (
    (fault.account === undefined || fault.account === target.scope.account) &&
    (fault.region === undefined || fault.region === target.scope.region) &&
    (fault.workspaceId === undefined || fault.workspaceId === target.workspaceId) &&
    (fault.applicationId === undefined || fault.applicationId === target.applicationId)
  );
}

/** The failure the oldest matching fault imposes on this deployment, using up one of its count. */
export function takeFault(store: Store, target: DeploymentTarget): DeploymentFailure | undefined {
  const fault = allFaults(store).find((f) => matches(f, target));
  if (!fault) return undefined;
  if (fault.remaining === 1) faults(store).delete(FAULT_SCOPE, fault.faultId);
  else if (fault.remaining !== undefined) {
    faults(store).put(FAULT_SCOPE, fault.faultId, merged(fault, { remaining: fault.remaining - 1 }));
  }
  return { ErrorCode: fault.errorCode, ErrorMessage: fault.errorMessage };
}

// ---- Admin handlers: GET lists, POST adds, DELETE clears ----

type Invalid = (message: string) => Error;

const selectors = {
  account: /^\d{12}$/,
  region: /^[a-z0-9-]+$/,
  workspaceId: /^ws-[0-9a-z]{8,63}$/,
  applicationId: /^wsa-[0-9a-z]{8,63}$/,
};
const allowedKeys = new Set([...Object.keys(selectors), 'count', 'errorCode', 'errorMessage']);

type Selectors = Partial<Pick<FaultRecord, keyof typeof selectors>>;

function readSelectors(body: Record<string, unknown>, invalid: Invalid): Selectors {
  const out: Selectors = {};
  for (const [key, pattern] of Object.entries(selectors) as [keyof typeof selectors, RegExp][]) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !pattern.test(value))
      throw invalid(`${key} must be a string matching ${pattern.source}`);
    out[key] = value;
  }
  return out;
}

function readCount(body: Record<string, unknown>, invalid: Invalid): number | undefined {
  const { count } = body;
  if (count === undefined) return undefined;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    throw invalid('count must be a whole number of deployments, 1 or more');
  }
  return count;
}

function readErrorCode(body: Record<string, unknown>, invalid: Invalid): AssociationErrorCode {
  const { errorCode } = body;
  if (!errorCodes.includes(errorCode as AssociationErrorCode)) {
    throw invalid(`errorCode must be one of ${errorCodes.join(', ')}`);
  }
  return errorCode as AssociationErrorCode;
}

function readErrorMessage(body: Record<string, unknown>, code: AssociationErrorCode, invalid: Invalid): string {
  const { errorMessage } = body;
  if (errorMessage === undefined) return defaultMessages[code];
  if (typeof errorMessage !== 'string' || errorMessage.length > 2048) {
    throw invalid('errorMessage must be a string of at most 2048 characters');
  }
  return errorMessage;
}

export function listFaults(app: App): { faults: FaultRecord[] } {
  return { faults: allFaults(app.store) };
}

/**
 * body: { errorCode, errorMessage?, account?, region?, workspaceId?, applicationId?, count? }. Without selectors
 * the fault matches every deployment; `count` limits it to the next N matching ones (one per application deployed).
 */
export function addFault(app: App, body: Record<string, unknown>, invalid: Invalid): { fault: FaultRecord } {
  const unknown = Object.keys(body).filter((k) => !allowedKeys.has(k));
  if (unknown.length > 0) throw invalid(`unknown field(s): ${unknown.join(', ')}`);
  const errorCode = readErrorCode(body, invalid);
  const count = readCount(body, invalid);
  const fault: FaultRecord = {
    faultId: app.ids.next('fault'),
    ...readSelectors(body, invalid),
    ...(count !== undefined && { remaining: count }),
    errorCode,
    errorMessage: readErrorMessage(body, errorCode, invalid),
    createdAt: new Date(app.clock.now()).toISOString(),
  };
  return app.store.transaction(() => {
    if (faults(app.store).count(FAULT_SCOPE) >= MAX_FAULTS) throw invalid(`at most ${MAX_FAULTS} faults can be set`);
    faults(app.store).put(FAULT_SCOPE, fault.faultId, fault);
    return { fault };
  });
}

export function clearFaults(app: App): { cleared: number } {
  return app.store.transaction(() => {
    const all = allFaults(app.store);
    for (const fault of all) faults(app.store).delete(FAULT_SCOPE, fault.faultId);
    return { cleared: all.length };
  });
}
