// Reads a fault from untrusted JSON (the admin API, the in-process API): every field is checked before anything is
// stored, and a mistake is named in a FaultInputError.
import type { AssociationErrorCode } from '../model/generated/types.js';
import { deploymentMessages } from './deployment.js';
import type { DeploymentFault, FaultKind } from './records.js';

export class FaultInputError extends Error {
  override readonly name = 'FaultInputError';
}

type Body = Record<string, unknown>;

/** What every kind shares; the store fills in the id, counters and time. */
type New<T> = Omit<T, 'faultId' | 'fired' | 'hits' | 'createdAt'>;
export type NewFault = New<DeploymentFault>;

const kinds: readonly FaultKind[] = ['deployment'];

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

/** The fault a JSON body describes; no kind means a deployment fault, as before faults had kinds. */
export function readFault(body: unknown): NewFault {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultInputError('a fault must be a JSON object');
  }
  const fields = body as Body;
  const kind = fields.kind ?? 'deployment';
  if (!kinds.includes(kind as FaultKind)) throw new FaultInputError(`kind must be one of ${kinds.join(', ')}`);
  return readDeploymentFault(fields);
}
