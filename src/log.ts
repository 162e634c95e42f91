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

/** Logs to `destination` (default: stderr, written synchronously so nothing is lost when the process exits). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  if (level === 'silent') return silentLogger;
  // pino takes ~40 ms to load: only a log that can write something pays for it (in-process tests default to silent).
  const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino');
  const log = pino(
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
  const at =
    (method: 'error' | 'warn' | 'info' | 'debug') =>
    (event: string, fields: Record<string, unknown> = {}): void =>
      log[method](fields, event);
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
