// Reads a fault from untrusted JSON (the admin API, the in-process API): every field is checked before anything is
// stored, and a mistake is named in a FaultInputError.
import { type OperationName, operationNames } from '../model/generated/operations.js';
import { shapes } from '../model/generated/shapes.js';
import type { AssociationErrorCode } from '../model/generated/types.js';
import { injectableCodes, MAX_LATENCY_MS } from './api.js';
import { deploymentMessages } from './deployment.js';
import type { ApiFault, DeploymentFault, FaultKind, TransitionFault } from './records.js';
import { type FaultResource, resourceIds, type TransitionSpec, transitionTable } from './transitions.js';

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
    })
  | (Selectors & {
      kind: 'transition';
      resource: FaultResource;
      transition: string;
      outcome?: string;
      id?: string;
      errorCode?: string;
      errorMessage?: string;
      errorDetails?: string[];
    });

/** What every kind shares; the store fills in the id, counters and time. */
type New<T> = Omit<T, 'faultId' | 'fired' | 'hits' | 'createdAt'>;
export type NewFault = New<DeploymentFault> | New<ApiFault> | New<TransitionFault>;

const kinds: readonly FaultKind[] = ['deployment', 'api', 'transition'];

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

const enumOf = (shape: string): readonly string[] => {
  const found = shapes[shape];
  return found?.type === 'string' && found.enum ? found.enum : [];
};

/** Which error members each resource's failure carries, and what its codes may be (undefined: any short code). */
const errorFields: Readonly<Record<FaultResource, { code?: readonly string[] | undefined; details?: boolean }>> = {
  workspace: { code: undefined },
  image: { code: undefined, details: true },
  directory: {},
  bundle: {},
  pool: { code: enumOf('WorkspacesPoolErrorCode') },
};
const imageDetailCodes = enumOf('WorkspaceImageErrorDetailCode');
const FREE_CODE = /^[A-Za-z0-9_.:-]{1,128}$/;

function readResource(body: Body): FaultResource {
  const names = Object.keys(transitionTable) as FaultResource[];
  if (!names.includes(body.resource as FaultResource)) {
    throw new FaultInputError(`resource must be one of ${names.join(', ')}`);
  }
  return body.resource as FaultResource;
}

function readTransition(body: Body, resource: FaultResource): [string, TransitionSpec] {
  const table: Record<string, TransitionSpec> = transitionTable[resource];
  const spec = typeof body.transition === 'string' ? table[body.transition] : undefined;
  if (!spec) throw new FaultInputError(`transition of a ${resource} must be one of ${Object.keys(table).join(', ')}`);
  return [body.transition as string, spec];
}

function readOutcome(body: Body, resource: FaultResource, transition: string, spec: TransitionSpec): string {
  const { outcome } = body;
  if (outcome === undefined) return spec.outcomes[0] ?? 'ERROR';
  if (!spec.outcomes.includes(outcome as string)) {
    throw new FaultInputError(`outcome of a ${resource} ${transition} must be one of ${spec.outcomes.join(', ')}`);
  }
  return outcome as string;
}

function readErrorFields(body: Body, resource: FaultResource): Partial<TransitionFault> {
  const fields = errorFields[resource];
  const { errorCode, errorMessage, errorDetails } = body;
  const out: Partial<TransitionFault> = {};
  if (errorCode !== undefined) {
    if (!('code' in fields)) throw new FaultInputError(`a failed ${resource} has no error code`);
    const ok = fields.code ? fields.code.includes(errorCode as string) : FREE_CODE.test(String(errorCode));
    if (typeof errorCode !== 'string' || !ok) {
      throw new FaultInputError(
        fields.code ? `errorCode must be one of ${fields.code.join(', ')}` : `errorCode must match ${FREE_CODE.source}`,
      );
    }
    out.errorCode = errorCode;
  }
  if (errorMessage !== undefined) {
    if (resource === 'bundle') throw new FaultInputError('a failed bundle has no error message');
    out.errorMessage = readMessage(body, 'errorMessage', '');
  }
  if (errorDetails !== undefined) {
    const valid =
      fields.details === true &&
      Array.isArray(errorDetails) &&
      errorDetails.length >= 1 &&
      errorDetails.length <= 10 &&
      errorDetails.every((d) => imageDetailCodes.includes(d as string));
    if (!valid) {
      throw new FaultInputError(
        fields.details === true
          ? `errorDetails must be 1 to 10 of ${imageDetailCodes.join(', ')}`
          : `a failed ${resource} has no error details`,
      );
    }
    out.errorDetails = errorDetails as string[];
  }
  return out;
}

/** { kind: 'transition', resource, transition, outcome?, id?, account?, region?, count?, errorCode?, ... } */
function readTransitionFault(body: Body): New<TransitionFault> {
  rejectUnknownFields(body, [
    'kind',
    'resource',
    'transition',
    'outcome',
    'id',
    'count',
    'errorCode',
    'errorMessage',
    'errorDetails',
    ...Object.keys(commonSelectors),
  ]);
  const resource = readResource(body);
  const [transition, spec] = readTransition(body, resource);
  return Object.assign(
    { kind: 'transition' as const, resource, transition, outcome: readOutcome(body, resource, transition, spec) },
    readSelectors(body, Object.assign({ id: resourceIds[resource] }, commonSelectors)),
    readCount(body, 'changes'),
    readErrorFields(body, resource),
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
  if (kind === 'api') return readApiFault(fields);
  return kind === 'transition' ? readTransitionFault(fields) : readDeploymentFault(fields);
}
