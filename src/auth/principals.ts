// The credentials file (docs/auth.md): who exists in sigv4 mode, their secrets, accounts and identity policies.
import { readFileSync } from 'node:fs';
import { PolicyError, parsePolicy, type Statement } from './policy.js';

export interface Principal {
  /** arn:aws:iam::<account>:user/<name>, the "User:" of AccessDeniedException messages. */
  readonly arn: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** When set, every request must carry it as X-Amz-Security-Token. */
  readonly sessionToken: string | undefined;
  /** Undefined when the entry lists no policies: such a principal may call everything. */
  readonly statements: readonly Statement[] | undefined;
}

/** Principals by access key id. */
export type PrincipalDirectory = ReadonlyMap<string, Principal>;

/** A credentials file the emulator refuses; the message names the file and the faulty entry, never a secret. */
export class CredentialsFileError extends Error {}

const ENTRY_KEYS = new Set(['name', 'accountId', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'policies']);
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(entry: Record<string, unknown>, key: string, where: string, shape?: RegExp): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.length === 0) throw new CredentialsFileError(`${where}.${key} is required`);
  if (shape && !shape.test(value)) throw new CredentialsFileError(`${where}.${key} has the wrong format`);
  return value;
}

function statementsOf(entry: Record<string, unknown>, where: string): Statement[] | undefined {
  const policies = entry.policies;
  if (policies === undefined) return undefined;
  if (!Array.isArray(policies)) throw new CredentialsFileError(`${where}.policies must be a list of policy documents`);
  try {
    return policies.flatMap((policy, index) => parsePolicy(policy, `${where}.policies[${index}]`));
  } catch (error) {
    if (error instanceof PolicyError) throw new CredentialsFileError(error.message);
    throw error;
  }
}

function parseEntry(entry: unknown, where: string): Principal {
  if (!isObject(entry)) throw new CredentialsFileError(`${where} must be an object`);
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) throw new CredentialsFileError(`${where}.${key} is not a known field`);
  }
  const name = requiredString(entry, 'name', where, USER_NAME);
  const accountId = requiredString(entry, 'accountId', where, ACCOUNT_ID);
  const sessionToken = entry.sessionToken;
  if (sessionToken !== undefined && (typeof sessionToken !== 'string' || sessionToken.length === 0)) {
    throw new CredentialsFileError(`${where}.sessionToken must be a non-empty string`);
  }
  return {
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    accessKeyId: requiredString(entry, 'accessKeyId', where, ACCESS_KEY_ID),
    secretAccessKey: requiredString(entry, 'secretAccessKey', where),
    accountId,
    sessionToken,
    statements: statementsOf(entry, where),
  };
}

/** Validates the parsed JSON of a credentials file. `source` names it in error messages. */
export function parseCredentials(value: unknown, source: string): PrincipalDirectory {
  try {
    if (!isObject(value) || !Array.isArray(value.principals)) {
      throw new CredentialsFileError('the file must be an object with a "principals" list');
    }
    const directory = new Map<string, Principal>();
    value.principals.forEach((entry, index) => {
      const principal = parseEntry(entry, `principals[${index}]`);
      if (directory.has(principal.accessKeyId)) {
        throw new CredentialsFileError(`principals[${index}].accessKeyId ${principal.accessKeyId} is listed twice`);
      }
      directory.set(principal.accessKeyId, principal);
    });
    return directory;
  } catch (error) {
    if (error instanceof CredentialsFileError) throw new CredentialsFileError(`${source}: ${error.message}`);
    throw error;
  }
}

export function loadCredentialsFile(path: string): PrincipalDirectory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CredentialsFileError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message may quote the file's text, secrets included: say only where it failed.
    throw new CredentialsFileError(`${path}: is not valid JSON`);
  }
  return parseCredentials(value, path);
}
