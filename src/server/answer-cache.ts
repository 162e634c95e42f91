// Encoded answers of reads, reused for the same request bytes while nothing stored has changed. Test suites poll
// (waiters, "until COMPLETED" loops) and re-read what they just wrote; encoding an answer costs more than all the HTTP
// work around it. An answer is reused only under the conditions that make it the answer the handler would give again:
// same caller scope, operation and body bytes; the store's change count unchanged since it was made; no transition
// due yet that was pending then; and a handler that wrote nothing and read neither the clock, the id generator nor
// the request id while making it.
import type { OperationName } from '../model/generated/operations.js';
import type { Scope } from '../store/types.js';

/** Reads only: every operation whose name says it changes nothing. */
const READ_OPERATION = /^(Describe|List|Get)[A-Z]/;

/** Longer bodies are rare for reads and would make long keys; they are answered afresh. */
const MAX_KEYED_BODY_BYTES = 2048;

export class AnswerCache {
  private readonly answers = new Map<string, Buffer>();
  private bytes = 0;
  private changeCount = -1;
  /** When the earliest transition pending at changeCount falls due: from then on the state moves without a request. */
  private stableUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxBytes: number) {}

  /** The key of a request whose answer may be reused, or undefined when it may not. */
  keyFor(operation: OperationName, scope: Scope, body: Buffer): string | undefined {
    if (this.maxBytes === 0 || body.length > MAX_KEYED_BODY_BYTES || !READ_OPERATION.test(operation)) return undefined;
    return `${scope.account}\n${scope.region}\n${operation}\n${body.toString('latin1')}`;
  }

  /** The answer stored under key, if the store is still at changeCount and no transition has fallen due at now. */
  get(key: string, changeCount: number, now: number): Buffer | undefined {
    this.forgetIfChanged(changeCount);
    return now < this.stableUntil ? this.answers.get(key) : undefined;
  }

  /**
   * Keeps the answer made at changeCount, after every transition due at the time was applied; nextDue is when the
   * earliest still pending falls due (Infinity when none is).
   */
  set(key: string, changeCount: number, nextDue: number, answer: Buffer): void {
    this.forgetIfChanged(changeCount);
    this.stableUntil = nextDue;
    if (answer.length > this.maxBytes) return;
    const replaced = this.answers.get(key);
    if (replaced) {
      this.answers.delete(key);
      this.bytes -= replaced.length;
    }
    this.bytes += answer.length;
    this.answers.set(key, answer);
    // Oldest first: Map iterates in insertion order.
    for (const [oldest, dropped] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= dropped.length;
    }
  }

  private forgetIfChanged(changeCount: number): void {
    if (changeCount === this.changeCount) return;
    this.answers.clear();
    this.bytes = 0;
    this.changeCount = changeCount;
  }
}
