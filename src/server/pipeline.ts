// One AWS request from bytes to answer, in the order AWS's front end checks: method → content type → JSON → target →
// signature (caller scope) → IAM authorization → input validation → handler in one transaction → output. A read
// repeated while nothing changed is answered from its encoded answer (answer-cache.ts) after authorization.
import type { AuthGate, Caller } from '../auth/gate.js';
import type { Config } from '../config.js';
import type { IdGenerator } from '../domain/ids.js';
import { PageTokens } from '../domain/pagination.js';
import type { Engine } from '../engine/engine.js';
import { internalFailure, notImplemented, ServiceError, throttled } from '../errors.js';
import type { ApiFaultAction } from '../faults/api.js';
import type { Consistency } from '../faults/consistency.js';
import type { RequestContext } from '../handlers/types.js';
import { requestId as newRequestId } from '../lazy-crypto.js';
import { type OperationName, operations } from '../model/generated/operations.js';
import { parseBody } from '../protocol/parse.js';
import { outputBytes } from '../protocol/serialize.js';
import { parseTarget } from '../protocol/target.js';
import { validateInput } from '../protocol/validate.js';
import { errorResponse, JSON_CONTENT_TYPE, type WireResponse, xmlErrorResponse } from '../protocol/wire-error.js';
import { type Scope, SETTLED, type Store, StoreContentionError } from '../store/types.js';
import type { App } from './app.js';

export interface AwsRequest {
  method: string;
  /** Path and query as received; part of what SigV4 signs. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export interface AwsOutcome {
  requestId: string;
  response: WireResponse;
  operation: string | undefined;
  account: string | undefined;
  region: string | undefined;
  /** The credentials-file principal (auth sigv4), for the access log. */
  principal: string | undefined;
  /** The injected fault that changed this answer, for the access log. */
  fault: string | undefined;
}

const jsonContentTypes = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json']);

function header(req: AwsRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === 'application/x-amz-json-1.1') return true; // what every SDK sends
  const base = value?.split(';')[0]?.trim().toLowerCase();
  return base !== undefined && jsonContentTypes.has(base);
}

const jsonHeaders = (): Record<string, string> => ({ 'Content-Type': JSON_CONTENT_TYPE });

/** No SQL beyond the change count: a hit needs the store unchanged and no transition due (answer-cache.ts). */
function cachedAnswer(app: App, key: string): Buffer | undefined {
  return app.answers.get(key, app.store.changeCount(), app.clock.now());
}

interface HandlerRun {
  output: unknown;
  /** The store's change count after the handler. */
  changeCount: number;
  /** Whether the same request would get the same answer until the store changes (see answer-cache.ts). */
  reusable: boolean;
}

/**
 * The handler's view of one request; notes whether the handler read anything that varies per call. A class, not an
 * object literal with getters: each such literal gets hidden-class data of its own, kept in the old generation and
 * pointing at its new closures, which made every young-generation collection under load several times longer.
 */
class TrackedContext implements RequestContext {
  variesPerCall = false;
  readonly store: Store;
  readonly engine: Engine;
  readonly config: Config;
  readonly consistency: Consistency;

  private tokens: PageTokens | undefined;

  constructor(
    private readonly app: App,
    private readonly id: string,
    readonly operation: OperationName,
    readonly scope: Scope,
    private readonly at: number,
    private readonly input: unknown,
  ) {
    this.store = app.store;
    this.engine = app.engine;
    this.config = app.config;
    this.consistency = app.consistency;
  }

  /** Made on first use: most operations page nothing. The same for every call with the same input: no variation. */
  get pageTokens(): PageTokens {
    this.tokens ??= new PageTokens(this.app.pageTokenKey, this.scope, this.operation, this.input);
    return this.tokens;
  }

  get requestId(): string {
    this.variesPerCall = true;
    return this.id;
  }

  get now(): number {
    this.variesPerCall = true;
    return this.at;
  }

  get ids(): IdGenerator {
    this.variesPerCall = true;
    return this.app.ids;
  }
}

/** Runs inside the request's transaction; notes whether the handler wrote or read anything that varies per call. */
function runHandler(
  app: App,
  handler: (input: unknown, ctx: RequestContext) => unknown,
  input: unknown,
  requestId: string,
  operation: OperationName,
  scope: Scope,
): HandlerRun {
  app.clock.sync();
  const now = app.clock.now();
  app.engine.applyDue(now);
  const before = app.store.changeCount();
  const ctx = new TrackedContext(app, requestId, operation, scope, now, input);
  const output = handler(input, ctx);
  const changeCount = app.store.changeCount();
  return { output, changeCount, reusable: !ctx.variesPerCall && changeCount === before };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a step gives: its value now, or later when it had to wait (a signature check, a commit, an injected delay). */
type Maybe<T> = T | Promise<T>;

/** Runs `next` on the value as soon as it is there: at once when it is, without a promise and a microtask hop. */
function then<T, U>(value: Maybe<T>, next: (value: T) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Waits only when the store holds writes of this turn not yet committed (src/store/group-commit.ts). */
function afterCommit<T>(app: App, value: T): Maybe<T> {
  const settled = app.store.settled();
  return settled === SETTLED ? value : settled.then(() => value);
}

/**
 * An API fault acts after authentication and before validation and the answer cache: it holds the answer back,
 * throws its error, or both (src/faults/api.ts).
 */
async function injectFault(app: App, fault: ApiFaultAction, outcome: AwsOutcome): Promise<void> {
  outcome.fault = fault.faultId;
  await app.store.settled();
  if (fault.latencyMs) await delay(fault.latencyMs);
  if (fault.error) throw fault.error;
}

function failed(app: App, outcome: AwsOutcome, error: unknown): AwsOutcome {
  const { requestId } = outcome;
  if (error instanceof ServiceError) {
    outcome.response = errorResponse(error);
  } else if (error instanceof StoreContentionError) {
    app.log.warn('store contention', { requestId, operation: outcome.operation, reason: error.message });
    outcome.response = errorResponse(throttled());
  } else {
    app.log.error('internal error', { requestId, operation: outcome.operation, stack: (error as Error)?.stack });
    outcome.response = errorResponse(internalFailure(requestId));
  }
  return outcome;
}

/** Runs a step; whatever it throws, now or later, becomes the outcome's error answer. */
function guarded(app: App, outcome: AwsOutcome, step: () => Maybe<AwsOutcome>): Maybe<AwsOutcome> {
  try {
    const result = step();
    return result instanceof Promise ? result.catch((error: unknown) => failed(app, outcome, error)) : result;
  } catch (error) {
    return failed(app, outcome, error);
  }
}

/** One parsed, identified call: what the steps after identification share. */
interface Call {
  readonly req: AwsRequest;
  readonly body: unknown;
  readonly operation: OperationName;
  readonly caller: Caller;
  readonly outcome: AwsOutcome;
}

function authorized(app: App, gate: AuthGate, call: Call): Maybe<AwsOutcome> {
  const { caller, operation, outcome } = call;
  outcome.account = caller.scope.account;
  outcome.region = caller.scope.region;
  outcome.principal = caller.principal?.arn;
  gate.authorize(caller, operation, call.body);
  const fault = app.faults.forCall(operation, caller.scope);
  if (fault) return injectFault(app, fault, outcome).then(() => answered(app, call));
  return answered(app, call);
}

/** From the answer cache, or from the handler in its transaction. */
function answered(app: App, { req, body, operation, caller, outcome }: Call): Maybe<AwsOutcome> {
  const spec = operations[operation];
  const cacheKey = app.answers.keyFor(operation, caller.scope, req.body);
  const cached = cacheKey === undefined ? undefined : cachedAnswer(app, cacheKey);
  if (cached) {
    outcome.response = { status: 200, headers: jsonHeaders(), body: cached };
    // It may have been made from writes of this turn that are not yet committed.
    return afterCommit(app, outcome);
  }
  const input = validateInput(spec.input, body);
  const handler = app.handlers[operation] as ((input: unknown, ctx: RequestContext) => unknown) | undefined;
  if (!handler) throw notImplemented(operation);
  const { requestId } = outcome;
  const run = app.store.transaction(() => runHandler(app, handler, input, requestId, operation, caller.scope));
  // Acknowledged means durable: with a data dir, the commit this request's writes share comes first.
  return then(afterCommit(app, run), (committed) => {
    const answer = outputBytes(spec.output, committed.output);
    if (cacheKey !== undefined && committed.reusable) {
      app.answers.set(cacheKey, committed.changeCount, app.store.transitions.earliest()?.due ?? Infinity, answer);
    }
    outcome.response = { status: 200, headers: jsonHeaders(), body: answer };
    return outcome;
  });
}

/**
 * Synchronous from bytes to answer unless a step has to wait (a signature check, an injected fault, a group commit):
 * a promise and its microtask hops per step cost the request path ~3 µs.
 */
export function handleAwsRequest(app: App, gate: AuthGate, req: AwsRequest): Maybe<AwsOutcome> {
  const outcome: AwsOutcome = {
    requestId: newRequestId(),
    response: { status: 200, headers: {}, body: '' },
    operation: undefined,
    account: undefined,
    region: undefined,
    principal: undefined,
    fault: undefined,
  };
  if (req.method !== 'POST') {
    outcome.response = xmlErrorResponse(
      403,
      'AccessDeniedException',
      'Unable to determine service/operation name to be authorized',
    );
    return outcome;
  }
  if (!isJsonContentType(header(req, 'content-type'))) {
    outcome.response = xmlErrorResponse(404, 'UnknownOperationException');
    return outcome;
  }
  return guarded(app, outcome, () => {
    const body = parseBody(req.body);
    const operation = parseTarget(header(req, 'x-amz-target'));
    outcome.operation = operation;
    return then(gate.identify(req), (caller) => authorized(app, gate, { req, body, operation, caller, outcome }));
  });
}
