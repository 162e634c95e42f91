// Who may call the admin API (/_emulator/…): anyone when it listens on loopback only, otherwise holders of the token.

import type { Config } from '../config.js';
import { nodeCrypto } from '../lazy-crypto.js';
import type { WireResponse } from '../protocol/wire-error.js';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(bare);
}

function refusal(status: number, error: string): WireResponse {
  return {
    status,
    headers: {
      'Content-Type': 'application/json',
      ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="workspaces-local admin"' } : {}),
    },
    body: JSON.stringify({ error }),
  };
}

/** Compares digests so neither the token's length nor its prefix shows in the timing. */
function sameToken(expected: string, given: string): boolean {
  const { createHash, timingSafeEqual } = nodeCrypto();
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The answer refusing an admin call, or undefined when it may proceed. `authorization` is the request's header. */
export function adminRefusal(
  config: Pick<Config, 'host' | 'adminToken'>,
  authorization: string | undefined,
): WireResponse | undefined {
  if (config.adminToken === undefined) {
    if (isLoopbackHost(config.host)) return undefined;
    return refusal(
      403,
      `The admin API is disabled: the emulator listens on ${config.host} and no admin token is set (--admin-token).`,
    );
  }
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (given !== undefined && sameToken(config.adminToken, given)) return undefined;
  return refusal(401, 'The admin API needs the header "Authorization: Bearer <admin token>".');
}
