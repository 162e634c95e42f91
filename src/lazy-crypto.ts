// node:crypto costs ~9 ms of every start, and nothing on the way to the first answer needs it: hashes and random
// resource ids load it on first use instead.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

let loaded: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto;
  return loaded;
}

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A version-4 UUID for x-amzn-RequestId. Request ids correlate answers and log lines; they guard nothing, so
 * Math.random serves, and the first request does not wait for node:crypto.
 */
export function requestId(): string {
  let id = '';
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(Math.random() * 256);
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
    id += hex[byte];
  }
  return id;
}
