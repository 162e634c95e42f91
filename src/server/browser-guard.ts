// What a hostile web page in the developer's browser could send, refused at the front door: a Host that is not the
// emulator's (DNS rebinding), an Origin that is not its own (cross-site requests), admin writes that are not JSON
// (the kinds a page may send cross-site without a preflight). CORS for the AWS API only when asked for.
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { Config } from '../config.js';

type GuardConfig = Pick<Config, 'host' | 'allowedHosts' | 'corsOrigins'>;

/** Which check refused a request, and the sentence saying why. */
export interface Refusal {
  status: 403 | 415;
  message: string;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The name part of a Host header: lower case, without port, brackets or a trailing dot. */
export function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * A rebinding page reaches the emulator under a domain name of the attacker's: loopback names and address literals
 * cannot be rebound, so they are always served; other names only when bound to or listed.
 */
function isServedHost(config: GuardConfig, name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  if (name === config.host.toLowerCase()) return true;
  return config.allowedHosts.some((allowed) => allowed === '*' || allowed.toLowerCase() === name);
}

function hostRefusal(config: GuardConfig, host: string | undefined): Refusal | undefined {
  // Browsers always send Host; a client that does not is no web page.
  if (host === undefined || host === '') return undefined;
  const name = hostName(host);
  if (isServedHost(config, name)) return undefined;
  return {
    status: 403,
    message: `Host '${name}' is not a name of this emulator; serve it with --allowed-hosts ${name} (or WORKSPACES_LOCAL_ALLOWED_HOSTS).`,
  };
}

function isCorsOrigin(config: GuardConfig, origin: string): boolean {
  const wanted = origin.toLowerCase();
  return config.corsOrigins.some((listed) => listed.toLowerCase() === wanted);
}

function originRefusal(config: GuardConfig, headers: IncomingHttpHeaders, isAdmin: boolean): Refusal | undefined {
  const origin = single(headers.origin);
  if (origin === undefined) return undefined;
  // Host has passed its check, so a page on that origin is one the emulator serves (the dashboard).
  if (headers.host !== undefined && origin.toLowerCase() === `http://${headers.host.toLowerCase()}`) return undefined;
  if (!isAdmin && isCorsOrigin(config, origin)) return undefined;
  const where = isAdmin ? 'the admin API takes calls from its own pages only' : 'see --cors-origins';
  return { status: 403, message: `Origin '${origin}' is not allowed to call this emulator (${where}).` };
}

/**
 * A page may POST text/plain, form or multipart bodies anywhere without a preflight; JSON needs one. A body-less POST
 * may omit the type (moto's clients call /moto-api/reset so), but may not claim another.
 */
function contentTypeRefusal(method: string, headers: IncomingHttpHeaders, bodyLength: number): Refusal | undefined {
  if (method !== 'POST') return undefined;
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' || (type === undefined && bodyLength === 0)) return undefined;
  return { status: 415, message: 'admin writes need Content-Type: application/json' };
}

export interface GuardedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  isAdmin: boolean;
  bodyLength: number;
}

/** The first browser check the request fails, or undefined. */
export function browserRefusal(config: GuardConfig, req: GuardedRequest): Refusal | undefined {
  return (
    hostRefusal(config, req.headers.host) ??
    originRefusal(config, req.headers, req.isAdmin) ??
    (req.isAdmin ? contentTypeRefusal(req.method, req.headers, req.bodyLength) : undefined)
  );
}

const EXPOSED = 'x-amzn-RequestId, X-Amzn-ErrorType, Date';
/** Header names a preflight may ask for: tokens only, so nothing odd is echoed back. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** The CORS headers for an AWS-API answer to a listed origin; empty otherwise (CORS is off by default). */
export function corsHeaders(config: GuardConfig, headers: IncomingHttpHeaders): Record<string, string> {
  const origin = single(headers.origin);
  if (origin === undefined || !isCorsOrigin(config, origin)) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };
}

/** The answer to a CORS preflight for the AWS API from a listed origin, or undefined when it is none. */
export function corsPreflight(
  config: GuardConfig,
  method: string,
  headers: IncomingHttpHeaders,
): Record<string, string> | undefined {
  if (method !== 'OPTIONS' || headers['access-control-request-method'] === undefined) return undefined;
  const allowed = corsHeaders(config, headers);
  if (allowed['Access-Control-Allow-Origin'] === undefined) return undefined;
  const asked = single(headers['access-control-request-headers']);
  return {
    'Access-Control-Allow-Origin': allowed['Access-Control-Allow-Origin'],
    'Access-Control-Allow-Methods': 'POST',
    ...(asked !== undefined && HEADER_LIST.test(asked) && { 'Access-Control-Allow-Headers': asked }),
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}
