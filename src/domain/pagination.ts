// Opaque NextToken values: the operation and a position, base64url-encoded. A token from another operation,
// or anything that does not decode, is refused rather than silently restarting the listing.
import { invalidNextToken } from '../errors.js';

interface TokenBody {
  o: string;
  p: number;
}

export function encodeToken(operation: string, position: number): string {
  return Buffer.from(JSON.stringify({ o: operation, p: position } satisfies TokenBody)).toString('base64url');
}

/** Position to continue after; 0 when no token was given. */
export function decodeToken(operation: string, token: string | undefined): number {
  if (token === undefined) return 0;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  const { o, p } = (body ?? {}) as Partial<TokenBody>;
  if (o !== operation || typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) throw invalidNextToken();
  return p;
}
