// Resource ids as AWS shapes them: a prefix and nine lowercase alphanumerics (directories: ten hex digits).
import { nodeCrypto } from '../lazy-crypto.js';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface IdGenerator {
  /** e.g. next('ws') → 'ws-3lvdznndy' */
  next(prefix: string): string;
  directory(): string;
  uuid(): string;
}

function randomAlnum(length: number): string {
  const bytes = nodeCrypto().randomBytes(length);
  let out = '';
  // 252 = 7 × 36: rejecting bytes at or above it keeps every character equally likely.
  for (let i = 0; i < length; i++) {
    let b = bytes[i] ?? 0;
    while (b >= 252) b = nodeCrypto().randomBytes(1)[0] ?? 0;
    out += alphabet[b % 36];
  }
  return out;
}

export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}-${randomAlnum(9)}`,
  directory: () => `d-${nodeCrypto().randomBytes(5).toString('hex')}`,
  uuid: () => nodeCrypto().randomUUID(),
};
