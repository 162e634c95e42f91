// node:crypto costs ~9 ms of every start, and nothing on the way to the first answer needs it: hashes and random
// resource ids load it on first use instead.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

let loaded: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto;
  return loaded;
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const random32 = (): number => Math.floor(Math.random() * 0x1_0000_0000);

/** A version-4 UUID from Math.random: slower than node:crypto's, but needs nothing loaded. */
function uuidFromMathRandom(): string {
  const a = hex8(random32());
  const b = hex8((random32() & 0xffff0fff) | 0x00004000); // version 4
  const c = hex8((random32() & 0x3fffffff) | 0x80000000); // RFC 4122 variant
  const d = hex8(random32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

let uuid: (() => string) | undefined;
let loading = false;

/**
 * A version-4 UUID for x-amzn-RequestId. The first answers after start do not wait for node:crypto: it loads in the
 * turn after the first of them has gone out, and serves from then on.
 */
export function requestId(): string {
  if (uuid) return uuid();
  if (!loading) {
    loading = true;
    setImmediate(() => {
      uuid = nodeCrypto().randomUUID;
    });
  }
  return uuidFromMathRandom();
}
