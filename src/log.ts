// The emulator's log: one JSON line per event on stderr. Lines go out in batches at most 10 ms old, after their
// answers; the access line (one per request) is encoded by hand, other events by pino. Callers pass no secrets;
// redaction is a backstop.
import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

/**
 * The access log line's fields, each a string or a number (undefined ones are left out). Nothing secret: the caller's
 * principal is its ARN, never its keys.
 */
export interface AccessLogFields {
  requestId: string;
  operation: string | undefined;
  account: string | undefined;
  region: string | undefined;
  principal: string | undefined;
  status: number;
  errorCode: string | undefined;
  /** The injected fault that changed the answer (src/faults/). */
  fault: string | undefined;
  ms: number;
}

export interface Logger {
  error(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
  /** The access log: one `request` line at info level. */
  request(fields: AccessLogFields): void;
  /** Writes every held line now, synchronously: on stop and on fatal signals. */
  flush(): void;
}

/** Field names that could carry a credential if a caller ever logged one by mistake. */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'secretAccessKey',
  'SecretAccessKey',
  'sessionToken',
  'SessionToken',
  'adminToken',
  'token',
  'password',
  'Password',
];

const redactPaths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]);

const ignore = (): void => undefined;
const silentLogger: Logger = {
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
  request: ignore,
  flush: ignore,
};

type Method = Exclude<keyof Logger, 'flush'>;

/** Whether the logger writes anything at this level: callers can skip gathering fields for a line never written. */
export function writes(log: Logger, method: Method): boolean {
  return log[method] !== ignore;
}

/** The methods each level writes; the others are no-ops, so a call below the level never loads pino. */
const WRITTEN: Readonly<Record<Exclude<LogLevel, 'silent'>, readonly Method[]>> = {
  error: ['error'],
  warn: ['error', 'warn'],
  info: ['error', 'warn', 'info', 'request'],
  debug: ['error', 'warn', 'info', 'request', 'debug'],
};

type Pino = typeof import('pino').pino;

const loadPino = (): Pino => (createRequire(import.meta.url)('pino') as typeof import('pino')).pino;

function createPino(pino: Pino, level: LogLevel, destination: DestinationStream) {
  return pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    destination,
  );
}

/** How long a line may wait for the others of its batch: what a `kill -9` can lose. */
export const LOG_BATCH_MS = 10;

/** A batch this large is written at once, so a burst never holds much text. */
const LOG_BATCH_BYTES = 64 * 1024;

/**
 * Holds the lines written for up to LOG_BATCH_MS (or LOG_BATCH_BYTES) and hands them to the destination in one
 * write, so a request pays for appending a string, not for a system call, and its answer is out before its line. A
 * write per event-loop turn still cost a system call every one or two requests under load; one per 10 ms costs one
 * per few hundred. A `kill -9` loses at most the lines of the last 10 ms; `flush()` writes them at once.
 */
class LineBatch implements DestinationStream {
  /**
   * Each line is copied in as UTF-8 when it is written. A line is a rope of the pieces that made it, quick to walk
   * while they are fresh in the CPU's caches; joining hundreds of them 10 ms later walked every piece again from
   * memory, about 1 µs a line under load. Room for LOG_BATCH_BYTES and then some, so most lines never wait for room.
   */
  private readonly bytes = Buffer.allocUnsafe(2 * LOG_BATCH_BYTES);
  private used = 0;
  private timer: NodeJS.Timeout | undefined;
  private destination: DestinationStream | undefined;

  constructor(private readonly open: () => DestinationStream) {}

  write(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: a line that may not fit goes after the held ones.
    if (line.length * 3 > this.bytes.length - this.used) {
      this.flush();
      if (line.length * 3 > this.bytes.length) {
        this.written(line);
        return;
      }
    }
    this.used += this.bytes.write(line, this.used, 'utf8');
    if (this.used >= LOG_BATCH_BYTES) this.flush();
    else if (this.timer === undefined) {
      // Unref'd: held lines never keep a process alive; every way out flushes them (src/cli.ts, close()).
      this.timer = setTimeout(this.flush, LOG_BATCH_MS).unref();
    }
  }

  readonly flush = (): void => {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.used === 0) return;
    const lines = this.bytes.toString('utf8', 0, this.used);
    this.used = 0;
    this.written(lines);
  };

  private written(text: string): void {
    this.destination ??= this.open();
    this.destination.write(text);
  }
}

/** Today's ISO time, formatted once per millisecond: under load many lines share one. */
class IsoClock {
  private ms = Number.NaN;
  private text = '';

  now(): string {
    const ms = Date.now();
    if (ms !== this.ms) {
      this.ms = ms;
      this.text = new Date(ms).toISOString();
    }
    return this.text;
  }
}

/**
 * The access line as pino writes it (level, time, fields in order, event last), without pino's per-line work: the
 * fields are known, flat and hold no secret, so nothing needs redacting.
 */
function accessLine(time: string, f: AccessLogFields): string {
  // Field by field in AccessLogFields' order: no key list to walk, no number through JSON.stringify.
  return (
    `{"level":"info","time":"${time}","requestId":${quoted(f.requestId)}` +
    `${text('operation', f.operation)}${text('account', f.account)}${text('region', f.region)}` +
    `${text('principal', f.principal)},"status":${f.status}${text('errorCode', f.errorCode)}` +
    `${text('fault', f.fault)},"ms":${Number.isFinite(f.ms) ? f.ms : null},"event":"request"}\n`
  );
}

/** One string member of the access line, or nothing when it is undefined (as pino leaves it out). */
const text = (key: string, value: string | undefined): string =>
  value === undefined ? '' : `,"${key}":${quoted(value)}`;

/** Printable ASCII but `"` and `\\`: what ids, names and ARNs are made of, and what JSON writes as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The string as JSON: quoted as it is when nothing in it needs escaping (cheaper than JSON.stringify), else escaped. */
const quoted = (value: string): string => (PLAIN.test(value) ? `"${value}"` : JSON.stringify(value));

/**
 * Logs to `destination` (default: stderr, each batch written synchronously). pino takes
 * 20-40 ms to load, so it loads with the first line written: the emulator starts listening without waiting for it,
 * and the first request's line is written after its answer has gone out.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  if (level === 'silent') return silentLogger;
  let pino: Pino | undefined;
  const batch = new LineBatch(() => {
    pino ??= loadPino();
    return destination ?? pino.destination({ dest: 2, sync: true });
  });
  let log: ReturnType<typeof createPino> | undefined;
  const written = WRITTEN[level];
  const at =
    (method: Exclude<Method, 'request'>) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      pino ??= loadPino();
      log ??= createPino(pino, level, batch);
      log[method](fields, event);
    };
  const clock = new IsoClock();
  const request = (fields: AccessLogFields): void => batch.write(accessLine(clock.now(), fields));
  const method = (name: Exclude<Method, 'request'>) => (written.includes(name) ? at(name) : ignore);
  return {
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    request: written.includes('request') ? request : ignore,
    flush: () => batch.flush(),
  };
}
