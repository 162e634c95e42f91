// Reads a fault from untrusted JSON (the admin API, the in-process API): every field is checked before anything is
// stored, and a mistake is named in a FaultInputError.
import { type OperationName, operationNames } from '../model/generated/operations.js';
import type { AssociationErrorCode } from '../model/generated/types.js';
import { injectableCodes, MAX_LATENCY_MS } from './api.js';
import { deploymentMessages } from './deployment.js';
import type { ApiFault, DeploymentFault, FaultKind } from './records.js';

export class FaultInputError extends Error {
  override readonly name = 'FaultInputError';
}

type Body = Record<string, unknown>;

type Selectors = { account?: string; region?: string; count?: number };

/** A fault as it is asked for (the body of POST /_emulator/faults); checked by readFault. */
export type FaultSpec =
  | (Selectors & {
      kind?: 'deployment';
      errorCode: AssociationErrorCode;
      errorMessage?: string;
      workspaceId?: string;
      applicationId?: string;
    })
  | (Selectors & {
      kind: 'api';
      operation: OperationName | '*';
      errorCode?: string;
      message?: string;
      latencyMs?: number;
      probability?: number;
      seed?: number;
    });

/** What every kind shares; the store fills in the id, counters and time. */
type New<T> = Omit<T, 'faultId' | 'fired' | 'hits' | 'createdAt'>;
export type NewFault = New<DeploymentFault> | New<ApiFault>;

const kinds: readonly FaultKind[] = ['deployment', 'api'];

const commonSelectors = { account: /^\d{12}$/, region: /^[a-z0-9-]{1,64}$/ };

function rejectUnknownFields(body: Body, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new FaultInputError(`unknown field(s): ${unknown.join(', ')}`);
}

function readSelectors<K extends string>(body: Body, patterns: Record<K, RegExp>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, pattern] of Object.entries(patterns) as [K, RegExp][]) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new FaultInputError(`${key} must be a string matching ${pattern.source}`);
    }
    out[key] = value;
  }
  return out;
}

/** count: how many times the fault acts; whole, at least 1, at most a million. */
function readCount(body: Body, unit: string): { remaining?: number } {
  const { count } = body;
  if (count === undefined) return {};
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 1_000_000) {
    throw new FaultInputError(`count must be a whole number of ${unit} from 1 to 1000000`);
  }
  return { remaining: count };
}

function readMessage(body: Body, key: string, fallback: string): string {
  const value = body[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length > 2048) {
    throw new FaultInputError(`${key} must be a string of at most 2048 characters`);
  }
  return value;
}

const deploymentCodes = Object.keys(deploymentMessages) as AssociationErrorCode[];
const deploymentSelectors = Object.assign(
  { workspaceId: /^ws-[0-9a-z]{8,63}$/, applicationId: /^wsa-[0-9a-z]{8,63}$/ },
  commonSelectors,
);

/** { kind?: 'deployment', errorCode, errorMessage?, account?, region?, workspaceId?, applicationId?, count? } */
function readDeploymentFault(body: Body): New<DeploymentFault> {
  rejectUnknownFields(body, ['kind', 'errorCode', 'errorMessage', 'count', ...Object.keys(deploymentSelectors)]);
  const { errorCode } = body;
  if (!deploymentCodes.includes(errorCode as AssociationErrorCode)) {
    throw new FaultInputError(`errorCode must be one of ${deploymentCodes.join(', ')}`);
  }
  const code = errorCode as AssociationErrorCode;
  return Object.assign(
    { kind: 'deployment' as const },
    readSelectors(body, deploymentSelectors),
    readCount(body, 'deployments'),
    { errorCode: code, errorMessage: readMessage(body, 'errorMessage', deploymentMessages[code]) },
  );
}

function readOperation(body: Body): OperationName | '*' {
  const { operation } = body;
  if (operation === '*' || operationNames.includes(operation as OperationName)) return operation as OperationName;
  if (typeof operation !== 'string') throw new FaultInputError("operation must be an operation name or '*'");
  throw new FaultInputError(`operation '${operation.slice(0, 100)}' is not an operation of WorkSpaces (or '*')`);
}

function readApiErrorCode(body: Body, operation: OperationName | '*'): { errorCode?: string } {
  const { errorCode } = body;
  if (errorCode === undefined) return {};
  const allowed = injectableCodes(operation);
  if (!allowed.includes(errorCode as string)) {
    const of = operation === '*' ? "any operation ('*')" : operation;
    throw new FaultInputError(`errorCode for ${of} must be one of ${allowed.join(', ')}`);
  }
  return { errorCode: errorCode as string };
}

/** A number in [min, max], finite; `whole` asks for an integer. */
function readNumber(body: Body, key: string, min: number, max: number, whole: boolean): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (whole && !Number.isInteger(value))) {
    throw new FaultInputError(`${key} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

function readChance(body: Body): Pick<ApiFault, 'probability' | 'seed' | 'rngState'> {
  const probability = readNumber(body, 'probability', 0, 1, false);
  const seed = readNumber(body, 'seed', 0, 0xffffffff, true);
  if (seed !== undefined && probability === undefined) throw new FaultInputError('seed needs probability');
  if (probability === undefined) return {};
  // Unseeded: a seed is chosen and shown, so a run that found a bug can be repeated.
  const chosen = seed ?? Math.floor(Math.random() * 0x100000000);
  return { probability, seed: chosen, rngState: chosen };
}

/** { kind: 'api', operation, errorCode?, message?, latencyMs?, account?, region?, count?, probability?, seed? } */
function readApiFault(body: Body): New<ApiFault> {
  rejectUnknownFields(body, [
    'kind',
    'operation',
    'errorCode',
    'message',
    'latencyMs',
    'count',
    'probability',
    'seed',
    ...Object.keys(commonSelectors),
  ]);
  const operation = readOperation(body);
  const code = readApiErrorCode(body, operation);
  const latencyMs = readNumber(body, 'latencyMs', 0, MAX_LATENCY_MS, true);
  if (code.errorCode === undefined && latencyMs === undefined) {
    throw new FaultInputError('an api fault needs errorCode, latencyMs or both');
  }
  if (body.message !== undefined && code.errorCode === undefined) throw new FaultInputError('message needs errorCode');
  return Object.assign(
    { kind: 'api' as const, operation },
    readSelectors(body, commonSelectors),
    readCount(body, 'calls'),
    readChance(body),
    code,
    body.message === undefined ? {} : { message: readMessage(body, 'message', '') },
    latencyMs === undefined ? {} : { latencyMs },
  );
}

/** The fault a JSON body describes; no kind means a deployment fault, as before faults had kinds. */
export function readFault(body: unknown): NewFault {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultInputError('a fault must be a JSON object');
  }
  const fields = body as Body;
  const kind = fields.kind ?? 'deployment';
  if (!kinds.includes(kind as FaultKind)) throw new FaultInputError(`kind must be one of ${kinds.join(', ')}`);
  return kind === 'api' ? readApiFault(fields) : readDeploymentFault(fields);
}
