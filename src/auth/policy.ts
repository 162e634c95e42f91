// Identity policies: the part of IAM's JSON grammar the emulator supports, and IAM's allow/deny decision over it.
import { matchesWildcard } from './wildcard.js';

export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny';

interface PatternSet {
  readonly patterns: readonly string[];
  /** NotAction / NotResource: the statement applies to everything the patterns do not match. */
  readonly negated: boolean;
}

export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  /** Lower-cased: IAM compares action names without regard to case. */
  readonly actions: PatternSet;
  /** Resource ARNs compare case-sensitively. */
  readonly resources: PatternSet;
}

/** A policy file entry that IAM would refuse, or that uses a part of the grammar the emulator does not evaluate. */
export class PolicyError extends Error {}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource']);
// Condition keys (aws:ResourceTag/…, aws:RequestTag/…) would need tag look-ups the emulator does not do; refusing the
// file is safer than silently granting or denying.
const UNSUPPORTED_KEYS = new Set(['Condition', 'Principal', 'NotPrincipal']);
const ACTION_PATTERN = /^(?:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESOURCE_PATTERN = /^(?:\*|arn:.+)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyError(`${where} must not be an empty list`);
  for (const item of list) {
    if (typeof item !== 'string') throw new PolicyError(`${where} must be a string or a list of strings`);
  }
  return list as string[];
}

/** Exactly one of `key` and `Not<key>` must be present. */
function patternSet(statement: Record<string, unknown>, key: 'Action' | 'Resource', where: string): PatternSet {
  const notKey = `Not${key}`;
  const has = Object.hasOwn(statement, key);
  const hasNot = Object.hasOwn(statement, notKey);
  if (has === hasNot) throw new PolicyError(`${where} needs exactly one of ${key} and ${notKey}`);
  const name = has ? key : notKey;
  const patterns = stringList(statement[name], `${where}.${name}`);
  const shape = key === 'Action' ? ACTION_PATTERN : RESOURCE_PATTERN;
  for (const pattern of patterns) {
    if (!shape.test(pattern)) {
      const expected = key === 'Action' ? '"*" or "service:Action"' : '"*" or an ARN';
      throw new PolicyError(`${where}.${name}: '${pattern}' is not ${expected}`);
    }
  }
  return {
    patterns: key === 'Action' ? patterns.map((pattern) => pattern.toLowerCase()) : patterns,
    negated: hasNot,
  };
}

function parseStatement(value: unknown, where: string): Statement {
  if (!isObject(value)) throw new PolicyError(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (UNSUPPORTED_KEYS.has(key)) throw new PolicyError(`${where}.${key} is not supported by workspaces-local`);
    if (!STATEMENT_KEYS.has(key)) throw new PolicyError(`${where}.${key} is not a policy statement element`);
  }
  if (value.Sid !== undefined && typeof value.Sid !== 'string') throw new PolicyError(`${where}.Sid must be a string`);
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyError(`${where}.Effect must be "Allow" or "Deny"`);
  return {
    effect,
    actions: patternSet(value, 'Action', where),
    resources: patternSet(value, 'Resource', where),
  };
}

/** One identity-policy document: { Version?, Statement: statement | statement[] }. */
export function parsePolicy(value: unknown, where: string): Statement[] {
  if (!isObject(value)) throw new PolicyError(`${where} must be a policy document object`);
  for (const key of Object.keys(value)) {
    if (key !== 'Version' && key !== 'Statement' && key !== 'Id') {
      throw new PolicyError(`${where}.${key} is not a policy document element`);
    }
  }
  if (value.Version !== undefined && !VERSIONS.has(value.Version as string)) {
    throw new PolicyError(`${where}.Version must be "2012-10-17" or "2008-10-17"`);
  }
  const statements = Array.isArray(value.Statement) ? value.Statement : [value.Statement];
  if (value.Statement === undefined || statements.length === 0) {
    throw new PolicyError(`${where}.Statement must hold at least one statement`);
  }
  return statements.map((statement, index) => parseStatement(statement, `${where}.Statement[${index}]`));
}

function applies(set: PatternSet, value: string): boolean {
  const matched = set.patterns.some((pattern) => matchesWildcard(pattern, value));
  return set.negated ? !matched : matched;
}

/** IAM's rule for identity policies alone: an explicit Deny wins, then any Allow, else the default deny. */
export function decide(statements: readonly Statement[], action: string, resource: string): Decision {
  const lowerAction = action.toLowerCase();
  let allowed = false;
  for (const statement of statements) {
    if (!applies(statement.actions, lowerAction) || !applies(statement.resources, resource)) continue;
    if (statement.effect === 'Deny') return 'explicitDeny';
    allowed = true;
  }
  return allowed ? 'allowed' : 'implicitDeny';
}
