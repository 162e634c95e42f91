// Opaque NextToken values, bound to the listing that issued them: the position is encrypted (AES-256-GCM) under a
// per-store key, with the account, Region, operation, the listing's phase and the request's filters as associated
// data. A token used by another account, Region, operation or with other filters, altered, or from another store
// fails authentication and is refused, never silently restarting a listing; no token shows a stored row counter.
import { invalidNextToken } from '../errors.js';
import { nodeCrypto } from '../lazy-crypto.js';
import type { Scope } from '../store/types.js';

/** Members that size a page rather than choose what is listed: a caller may change them between pages. */
const PAGE_SIZE_MEMBERS: ReadonlySet<string> = new Set(['NextToken', 'MaxResults', 'Limit']);

const IV_BYTES = 12;
const TAG_BYTES = 16;
const POSITION_BYTES = 8;

/** A fresh per-store key, base64url: kept in the store's meta and carried in fixtures. */
export function newPageTokenKey(): string {
  return nodeCrypto().randomBytes(32).toString('base64url');
}

export const isPageTokenKey = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** The last keys derived from a store's token key: one store (one key) serves every page of a run. */
const derivedKeys = new Map<string, Buffer>();

function derivedKey(purpose: string, key: string): Buffer {
  const material = `${purpose}\n${key}`;
  let derived = derivedKeys.get(material);
  if (derived === undefined) {
    derived = nodeCrypto().createHash('sha256').update(material).digest();
    // A reset or an import brings a new key; a handful of stores in one process keep theirs.
    if (derivedKeys.size >= 16) derivedKeys.clear();
    derivedKeys.set(material, derived);
  }
  return derived;
}

/** The request's side of a token: what it is bound to, and the keys derived from the store's. */
export class PageTokens {
  private bound: Buffer | undefined;

  constructor(
    private readonly key: () => string,
    private readonly scope: Scope,
    private readonly operation: string,
    private readonly input: unknown,
  ) {}

  /** Account, Region, operation, phase and every input member but the page-size ones, in the validator's order. */
  private binding(tag: string): Buffer {
    this.bound ??= Buffer.from(
      JSON.stringify([
        this.scope.account,
        this.scope.region,
        this.operation,
        Object.entries((this.input ?? {}) as Record<string, unknown>).filter(([name]) => !PAGE_SIZE_MEMBERS.has(name)),
      ]),
    );
    return Buffer.concat([this.bound, Buffer.from(`\n${tag}`)]);
  }

  private derived(purpose: string): Buffer {
    return derivedKey(purpose, this.key());
  }

  /** Deterministic: the same listing position under the same binding gives the same token (answers stay cacheable). */
  encode(tag: string, position: number): string {
    const { createCipheriv, createHmac } = nodeCrypto();
    const aad = this.binding(tag);
    const plain = Buffer.alloc(POSITION_BYTES);
    plain.writeDoubleBE(position);
    const iv = createHmac('sha256', this.derived('iv')).update(aad).update(plain).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.derived('encrypt'), iv);
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** Position to continue after; 0 when no token was given. */
  decode(tag: string, token: string | undefined): number {
    if (token === undefined) return 0;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== IV_BYTES + POSITION_BYTES + TAG_BYTES || bytes.toString('base64url') !== token) {
      throw invalidNextToken();
    }
    let plain: Buffer;
    try {
      const decipher = nodeCrypto().createDecipheriv(
        'aes-256-gcm',
        this.derived('encrypt'),
        bytes.subarray(0, IV_BYTES),
      );
      decipher.setAAD(this.binding(tag));
      decipher.setAuthTag(bytes.subarray(IV_BYTES + POSITION_BYTES));
      plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + POSITION_BYTES)), decipher.final()]);
    } catch {
      throw invalidNextToken();
    }
    const position = plain.readDoubleBE();
    if (!Number.isSafeInteger(position) || position < 0) throw invalidNextToken();
    return position;
  }
}

/** What a handler needs to issue and read tokens: the request's PageTokens. */
interface Paged {
  readonly pageTokens: PageTokens;
}

export function encodeToken(ctx: Paged, tag: string, position: number): string {
  return ctx.pageTokens.encode(tag, position);
}

/** Position to continue after; 0 when no token was given. */
export function decodeToken(ctx: Paged, tag: string, token: string | undefined): number {
  return ctx.pageTokens.decode(tag, token);
}
