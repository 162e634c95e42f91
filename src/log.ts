// The emulator's log: pino writing one JSON line per event to stderr. Callers pass no secrets; redaction is a backstop.
import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

export interface Logger {
  error(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
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
const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };

type Method = keyof Logger;

/** Whether the logger writes anything at this level: callers can skip gathering fields for a line never written. */
export function writes(log: Logger, method: Method): boolean {
  return log[method] !== ignore;
}

/** The methods each level writes; the others are no-ops, so a call below the level never loads pino. */
const WRITTEN: Readonly<Record<Exclude<LogLevel, 'silent'>, readonly Method[]>> = {
  error: ['error'],
  warn: ['error', 'warn'],
  info: ['error', 'warn', 'info'],
  debug: ['error', 'warn', 'info', 'debug'],
};

function createPino(level: LogLevel, destination: DestinationStream | undefined) {
  const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino');
  return pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** Logs to `destination` (default: stderr, written synchronously so nothing is lost when the process exits). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  if (level === 'silent') return silentLogger;
  // pino takes 20-40 ms to load, so it loads with the first line written: the emulator starts listening without
  // waiting for it, and the first request's line is written after its answer has gone out.
  let log: ReturnType<typeof createPino> | undefined;
  const written = WRITTEN[level];
  const at =
    (method: Method) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      log ??= createPino(level, destination);
      log[method](fields, event);
    };
  const method = (name: Method) => (written.includes(name) ? at(name) : ignore);
  return { error: method('error'), warn: method('warn'), info: method('info'), debug: method('debug') };
}
