// The pipeline's auth step, per --auth: who is calling (account, Region, principal) and whether they may make the call.
import type { Config } from '../config.js';
import type { OperationName } from '../model/generated/operations.js';
import { serviceMetadata } from '../model/generated/operations.js';
import { readCallerScope } from '../protocol/credentials.js';
import type { Scope, Store } from '../store/types.js';
import { accessChecks, authorize, storeOwners } from './authorize.js';
import { loadCredentialsFile, type Principal } from './principals.js';
import type { IncomingRequest } from './sigv4.js';

export interface Caller {
  readonly scope: Scope;
  /** The credentials-file principal; undefined with auth off. */
  readonly principal: Principal | undefined;
}

export interface AuthGate {
  /** Throws the SigV4 errors (MissingAuthenticationToken…, IncompleteSignature…, InvalidSignature…, UnrecognizedClient…). */
  identify(req: IncomingRequest): Caller | Promise<Caller>;
  /** Throws AccessDeniedException; `body` is the parsed, not yet validated, request. */
  authorize(caller: Caller, operation: OperationName, body: unknown): void;
}

function header(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** auth off: the credential scope picks account and Region; nothing is verified and everything is allowed. */
function openGate(config: Config): AuthGate {
  return {
    // Synchronous: nothing to wait for, and a promise per request costs the request path.
    identify: (req) => {
      const { account, region } = readCallerScope(header(req, 'authorization'), config);
      return { scope: { account, region }, principal: undefined };
    },
    authorize: () => {},
  };
}

/** auth sigv4: signatures verified against the credentials file, then the principal's policies decide. */
function signatureGate(config: Config, store: Store): AuthGate {
  if (config.credentialsFile === undefined) {
    throw new Error('auth sigv4 needs a credentials file (--credentials FILE); see docs/auth.md');
  }
  const principals = loadCredentialsFile(config.credentialsFile);
  const owners = storeOwners(store);
  // @smithy/signature-v4 costs ~100 ms of start-up: it is loaded only when signatures are checked.
  const sigv4 = import('./sigv4.js');
  return {
    identify: async (req) => {
      const { verifySignature } = await sigv4;
      const { principal, region } = await verifySignature(req, {
        principals,
        service: serviceMetadata.signingName,
        // SDKs sign with the machine's clock, never with the emulator's (possibly manual) one.
        now: Date.now(),
      });
      return { scope: { account: principal.accountId, region }, principal };
    },
    authorize: (caller, operation, body) => {
      if (caller.principal === undefined) return;
      authorize(caller.principal, accessChecks(operation, body, caller.scope, owners));
    },
  };
}

/** Reads the credentials file once, at start-up, so a broken file stops the emulator instead of failing each call. */
export function createAuthGate(config: Config, store: Store): AuthGate {
  return config.auth === 'sigv4' ? signatureGate(config, store) : openGate(config);
}
