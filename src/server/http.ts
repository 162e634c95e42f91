// node:http front door: reads the body under a cap, routes AWS calls and admin calls (behind the admin token when one
// is needed), writes one access-log line.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { json } from '../admin/respond.js';
import { handleAdminRequest, isAdminPath } from '../admin/routes.js';
import { adminRefusal } from '../auth/admin-access.js';
import { type AuthGate, createAuthGate } from '../auth/gate.js';
import { ServiceError, serializationError, tooLarge } from '../errors.js';
import { requestId } from '../lazy-crypto.js';
import { writes } from '../log.js';
import { DepthScan, MAX_JSON_DEPTH } from '../protocol/json-depth.js';
import { errorResponse, type WireResponse } from '../protocol/wire-error.js';
import type { App } from './app.js';
import { browserRefusal, corsHeaders, corsPreflight, type Refusal } from './browser-guard.js';
import { type AwsOutcome, handleAwsRequest } from './pipeline.js';

/** The client went away before its body was in: nothing to answer. */
const DISCONNECTED = Symbol('disconnected');
/** The body grew beyond the size cap. */
const TOO_LARGE = Symbol('too large');
/** The body nested brackets beyond MAX_JSON_DEPTH: refused from the chunk that crossed it, the rest never read. */
const TOO_DEEP = Symbol('too deep');

type BodyRead = Buffer | typeof DISCONNECTED | typeof TOO_LARGE | typeof TOO_DEEP;

/**
 * Each chunk is depth-scanned as it arrives, so no body is ever scanned (or parsed) whole to learn it is hostile.
 * `done` runs once, with the body or why there is none; a callback, not a promise: the request path stays synchronous.
 */
function readBody(req: IncomingMessage, limit: number, done: (body: BodyRead) => void): void {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    done(TOO_LARGE);
    return;
  }
  const chunks: Buffer[] = [];
  const depth = new DepthScan();
  let size = 0;
  let settled = false;
  const settle = (body: BodyRead) => {
    if (settled) return;
    settled = true;
    done(body);
  };
  const refuse = (reason: typeof TOO_LARGE | typeof TOO_DEEP) => {
    settle(reason);
    req.removeAllListeners('data');
    req.pause();
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) refuse(TOO_LARGE);
    else if (depth.feed(chunk) >= 0) refuse(TOO_DEEP);
    else chunks.push(chunk);
  });
  // A small body arrives as one chunk: no copy then.
  req.on('end', () => settle(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size)));
  // An abort emits 'error' (ECONNRESET, "aborted") or only 'close'; either settles the read once.
  req.on('error', () => settle(DISCONNECTED));
  req.on('close', () => {
    if (!req.complete) settle(DISCONNECTED);
  });
}

/** The answer to a body refused while it was read, in the dialect of the API it was sent to. */
function unreadableBodyResponse(app: App, reason: typeof TOO_LARGE | typeof TOO_DEEP, isAdmin: boolean): WireResponse {
  if (reason === TOO_LARGE) return errorResponse(tooLarge(app.config.maxBodyBytes));
  if (isAdmin) return json(400, { error: `body nests deeper than ${MAX_JSON_DEPTH} levels` });
  return errorResponse(serializationError(`JSON nesting depth exceeds the limit of ${MAX_JSON_DEPTH} levels`));
}

/** Admin callers read { error }; AWS callers get a JSON 1.1 error their SDK can name. */
function refusalResponse(refused: Refusal, isAdmin: boolean): WireResponse {
  if (isAdmin) {
    return {
      status: refused.status,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: refused.message }),
    };
  }
  return errorResponse(new ServiceError('AccessDeniedException', refused.message, { status: refused.status }));
}

/** What every request of one server shares. */
interface Front {
  readonly app: App;
  readonly gate: AuthGate;
  readonly logRequests: boolean;
  readonly server: Server;
}

function send(
  front: Front,
  res: ServerResponse,
  requestId: string,
  response: WireResponse,
  extra?: Record<string, string>,
): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  // Not `{ ...response.headers, ...more }`: src/objects.ts says why.
  const headers: Record<string, string | number> = Object.assign({}, response.headers, extra);
  headers['x-amzn-RequestId'] = requestId;
  headers['Content-Length'] = body.length;
  // A stop has begun (server.close()): the connection ends with this answer instead of waiting for another request.
  if (!front.server.listening) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

/** What one request needs after its body is in. */
interface Arrival {
  readonly front: Front;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** process.hrtime.bigint() when the request came in (0n when no access line is written). */
  readonly started: bigint;
  readonly url: string;
  readonly path: string;
  readonly method: string;
  readonly isAdmin: boolean;
}

function handle(front: Front, req: IncomingMessage, res: ServerResponse): void {
  // hrtime, not performance.now(): the first call of the latter loads perf_hooks, ~2.5 ms on the first request.
  const started = front.logRequests ? process.hrtime.bigint() : 0n;
  const url = req.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  const arrival: Arrival = {
    front,
    req,
    res,
    started,
    url,
    path,
    method: req.method ?? 'GET',
    isAdmin: isAdminPath(path),
  };
  const answer = (body: BodyRead) => {
    try {
      respond(arrival, body)?.catch((error: unknown) => failedRequest(arrival, error));
    } catch (error) {
      failedRequest(arrival, error);
    }
  };
  try {
    readBody(req, front.app.config.maxBodyBytes, answer);
  } catch (error) {
    failedRequest(arrival, error);
  }
}

/** Never expected: every error of a call is answered by the pipeline; this is the last line of defence. */
function failedRequest({ front, res }: Arrival, error: unknown): void {
  front.app.log.error('request failed', { stack: (error as Error)?.stack });
  if (!res.headersSent) res.writeHead(500).end();
}

/** Answers now, or returns the promise of the answer when a step has to wait. */
function respond(arrival: Arrival, body: BodyRead): Promise<void> | undefined {
  const { front, req, res, method, path, isAdmin } = arrival;
  const { app, gate } = front;
  if (body === DISCONNECTED) {
    // Debug and no stack: a client's choice, and anyone can make many.
    app.log.debug('client disconnected', { method, path });
    return undefined;
  }
  if (body === TOO_LARGE || body === TOO_DEEP) {
    // The rest of the body is never read: once the answer is flushed, node:http closes the connection.
    res.setHeader('Connection', 'close');
    send(front, res, requestId(), unreadableBodyResponse(app, body, isAdmin));
    return undefined;
  }
  const refused = browserRefusal(app.config, { method, headers: req.headers, isAdmin, bodyLength: body.length });
  if (refused) {
    send(front, res, requestId(), refusalResponse(refused, isAdmin));
    return undefined;
  }
  const preflight = isAdmin ? undefined : corsPreflight(app.config, method, req.headers);
  if (preflight) {
    send(front, res, requestId(), { status: 204, headers: preflight, body: '' });
    return undefined;
  }
  if (isAdmin) return respondAdmin(arrival, body);
  const outcome = handleAwsRequest(app, gate, { method, url: arrival.url, headers: req.headers, body });
  if (outcome instanceof Promise) return outcome.then((later) => sendAws(arrival, later));
  sendAws(arrival, outcome);
  return undefined;
}

async function respondAdmin({ front, req, res, method, path }: Arrival, body: Buffer): Promise<void> {
  const { app } = front;
  // The dashboard page holds no data and a browser cannot add a header to open it; its data calls carry the token.
  const isDashboardPage = method === 'GET' && path === '/_emulator/ui';
  const tokenRefusal = isDashboardPage ? undefined : adminRefusal(app.config, req.headers.authorization);
  const answer = tokenRefusal ?? handleAdminRequest(app, method, path, body);
  await app.store.settled();
  send(front, res, requestId(), answer);
}

function sendAws({ front, req, res, started }: Arrival, outcome: AwsOutcome): void {
  send(front, res, outcome.requestId, outcome.response, corsHeaders(front.app.config, req.headers));
  if (!front.logRequests) return;
  front.app.log.request({
    requestId: outcome.requestId,
    operation: outcome.operation,
    account: outcome.account,
    region: outcome.region,
    principal: outcome.principal,
    status: outcome.response.status,
    errorCode: outcome.response.headers['X-Amzn-ErrorType'],
    fault: outcome.fault,
    ms: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
  });
}

/** Throws when auth sigv4 has no usable credentials file, so a misconfigured emulator never starts. */
export function createHttpServer(app: App): Server {
  const gate = createAuthGate(app.config, app.store);
  const logRequests = writes(app.log, 'request');
  const server: Server = createServer((req, res) => handle(front, req, res));
  const front: Front = { app, gate, logRequests, server };
  server.keepAliveTimeout = 65_000;
  return server;
}
