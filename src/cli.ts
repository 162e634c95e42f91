#!/usr/bin/env node
// The workspaces-local command: flags, or WORKSPACES_LOCAL_* environment variables, over the defaults.
// Exit codes: 0 after a clean stop, 1 when the emulator cannot start, 2 for a usage error.
import { parseArgs } from 'node:util';
import { isLoopbackHost } from './auth/admin-access.js';
import {
  type AuthMode,
  type ClockMode,
  type Config,
  type ConsistencyMode,
  defaultConfig,
  type LogLevel,
} from './config.js';
import { isQuotaName, parseQuotaValue, type Quotas, quotaNames, resolveQuotas } from './domain/quotas.js';
import { isSpeedFactor, SPEED_FACTOR_MAX, SPEED_FACTOR_MIN } from './engine/clock.js';
import { DEFAULT_WINDOW_MS } from './faults/consistency.js';
import { readFixtureFile } from './fixtures/fixture.js';
import type { Fixture } from './fixtures/types.js';
import { type Emulator, startEmulator } from './index.js';
import { version } from './version.js';

const help = `workspaces-local ${version} — a local emulator of the Amazon WorkSpaces API

Usage: workspaces-local [options]

Options (each also settable as an environment variable):
  --host HOST          address to listen on (WORKSPACES_LOCAL_HOST, default ${defaultConfig.host})
  --port PORT          port to listen on, 0 for any free one (WORKSPACES_LOCAL_PORT, default ${defaultConfig.port})
  --data-dir DIR       keep state in DIR/workspaces-local.sqlite; in memory when absent (WORKSPACES_LOCAL_DATA_DIR)
  --database-url URL   keep state in PostgreSQL, postgres://USER@HOST:PORT/DB, shared by every instance pointed at it
                       (WORKSPACES_LOCAL_DATABASE_URL; see docs/scale-out.md)
  --clock MODE         real | speed | instant | manual (WORKSPACES_LOCAL_CLOCK, default ${defaultConfig.clock})
  --speed FACTOR       with --clock speed: transitions take duration / FACTOR (WORKSPACES_LOCAL_SPEED, default 1)
  --auth MODE          off | sigv4 (WORKSPACES_LOCAL_AUTH, default ${defaultConfig.auth})
  --credentials FILE   with --auth sigv4: principals, secrets and policies (WORKSPACES_LOCAL_CREDENTIALS)
  --admin-token TOKEN  require this token on /_emulator/ calls (WORKSPACES_LOCAL_ADMIN_TOKEN)
  --allowed-hosts LIST more Host names to serve, comma-separated, * for any (WORKSPACES_LOCAL_ALLOWED_HOSTS); loopback
                       names, IP addresses and --host are always served, other names refused (DNS rebinding)
  --cors-origins LIST  web origins whose pages may call the AWS API, comma-separated (WORKSPACES_LOCAL_CORS_ORIGINS,
                       default none: CORS off), e.g. http://localhost:3000; never opens the admin API
  --region REGION      Region of requests without a credential scope (WORKSPACES_LOCAL_REGION, default ${defaultConfig.defaultRegion})
  --default-account ID  account of access keys that are not 12-digit account ids (WORKSPACES_LOCAL_DEFAULT_ACCOUNT, default ${defaultConfig.defaultAccount}; moto's is 123456789012)
  --seed FILE          start from this fixture (see GET /_emulator/export); replaces stored state (WORKSPACES_LOCAL_SEED)
  --log-level LEVEL    silent | error | warn | info | debug (WORKSPACES_LOCAL_LOG_LEVEL, default ${defaultConfig.logLevel})
  --answer-cache MODE  on | off: repeated reads reuse their answer while nothing changed (WORKSPACES_LOCAL_ANSWER_CACHE, default on)
  --consistency MODE   strong | eventual: a new WorkSpace, image or bundle is missing from its Describe call for ${DEFAULT_WINDOW_MS} ms of emulator time (WORKSPACES_LOCAL_CONSISTENCY, default strong)
  --quota NAME=VALUE   set one limit, e.g. workspaces=1 or images=unlimited; repeatable (docs/quotas.md lists them)
  --quotas BASE        emulator (default: generous where AWS lets an account raise a quota) | aws-defaults (a new
                       account's quotas); WORKSPACES_LOCAL_QUOTAS=aws-defaults,workspaces=5 sets both
  -h, --help           show this help
  -v, --version        show the version
`;

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  clock: { type: 'string' },
  speed: { type: 'string' },
  auth: { type: 'string' },
  credentials: { type: 'string' },
  'admin-token': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'cors-origins': { type: 'string' },
  region: { type: 'string' },
  'default-account': { type: 'string' },
  seed: { type: 'string' },
  'log-level': { type: 'string' },
  'answer-cache': { type: 'string' },
  consistency: { type: 'string' },
  quota: { type: 'string', multiple: true },
  quotas: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Flags with one value and one variable each; the quota flags share WORKSPACES_LOCAL_QUOTAS (quotaSettings). */
type Flag = Exclude<keyof typeof options, 'help' | 'version' | 'quota' | 'quotas'>;

const variables: Record<Flag, string> = {
  host: 'WORKSPACES_LOCAL_HOST',
  port: 'WORKSPACES_LOCAL_PORT',
  'data-dir': 'WORKSPACES_LOCAL_DATA_DIR',
  'database-url': 'WORKSPACES_LOCAL_DATABASE_URL',
  clock: 'WORKSPACES_LOCAL_CLOCK',
  speed: 'WORKSPACES_LOCAL_SPEED',
  auth: 'WORKSPACES_LOCAL_AUTH',
  credentials: 'WORKSPACES_LOCAL_CREDENTIALS',
  'admin-token': 'WORKSPACES_LOCAL_ADMIN_TOKEN',
  'allowed-hosts': 'WORKSPACES_LOCAL_ALLOWED_HOSTS',
  'cors-origins': 'WORKSPACES_LOCAL_CORS_ORIGINS',
  region: 'WORKSPACES_LOCAL_REGION',
  'default-account': 'WORKSPACES_LOCAL_DEFAULT_ACCOUNT',
  seed: 'WORKSPACES_LOCAL_SEED',
  'log-level': 'WORKSPACES_LOCAL_LOG_LEVEL',
  'answer-cache': 'WORKSPACES_LOCAL_ANSWER_CACHE',
  consistency: 'WORKSPACES_LOCAL_CONSISTENCY',
};

class UsageError extends Error {}

function oneOf<T extends string>(flag: Flag, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a port number 0-65535; got '${value}'`);
  return n;
}

function accountId(value: string | undefined): string | undefined {
  if (value === undefined || /^\d{12}$/.test(value)) return value;
  throw new UsageError(`--default-account must be a 12-digit account id; got '${value}'`);
}

function speedFactor(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !isSpeedFactor(n)) {
    throw new UsageError(`--speed must be a number from ${SPEED_FACTOR_MIN} to ${SPEED_FACTOR_MAX}; got '${value}'`);
  }
  return n;
}

function onOff(flag: Flag, value: string | undefined): boolean | undefined {
  const mode = oneOf(flag, value, ['on', 'off']);
  return mode === undefined ? undefined : mode === 'on';
}

/** A comma-separated list whose every item matches `item`. */
function list(flag: Flag, value: string | undefined, item: RegExp, example: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((entry) => entry.trim().toLowerCase());
  const bad = items.find((entry) => !item.test(entry));
  if (bad !== undefined) throw new UsageError(`--${flag} takes a comma-separated list like ${example}; got '${bad}'`);
  return items;
}

const HOST_NAME = /^(\*|[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?)$/;
const WEB_ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/;

function databaseUrl(value: string | undefined, dataDir: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(value)) {
    throw new UsageError(`--database-url must be a URL postgres://USER@HOST:PORT/DB; got '${value}'`);
  }
  if (dataDir !== undefined) throw new UsageError('--database-url and --data-dir choose different stores: give one');
  return value;
}

type Command = { run: 'help' } | { run: 'version' } | { run: 'start'; config: Partial<Config>; seedFile?: string };

/** Only the options that were given, so the defaults below them stay in force. */
function definedOnly<T extends object>(values: { [K in keyof T]?: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const QUOTA_BASES = ['emulator', 'aws-defaults'] as const;
type QuotaBase = (typeof QUOTA_BASES)[number];

const isQuotaBase = (value: string): value is QuotaBase => (QUOTA_BASES as readonly string[]).includes(value);

/** One NAME=VALUE entry of --quota or WORKSPACES_LOCAL_QUOTAS, written into `overrides`. */
function readQuotaEntry(entry: string, overrides: Record<string, number>): void {
  const [name = '', text = '', extra] = entry.split('=');
  const value = parseQuotaValue(text);
  if (extra !== undefined || !isQuotaName(name) || value === undefined) {
    throw new UsageError(
      `--quota takes NAME=VALUE with NAME one of ${quotaNames.join(', ')} and VALUE a whole number or unlimited; got '${entry}'`,
    );
  }
  overrides[name] = value;
}

/**
 * The quotas of WORKSPACES_LOCAL_QUOTAS (a base and NAME=VALUE entries, comma-separated), then --quotas and each
 * --quota over them: a flag beats the variable, name by name. Undefined when none is given.
 */
function quotaSettings(flags: readonly string[], baseFlag: string | undefined, variable: string): Quotas | undefined {
  let base: QuotaBase | undefined;
  const overrides: Record<string, number> = {};
  for (const entry of variable.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    if (isQuotaBase(entry)) base = entry;
    else readQuotaEntry(entry, overrides);
  }
  if (baseFlag !== undefined) {
    if (!isQuotaBase(baseFlag)) {
      throw new UsageError(`--quotas must be one of ${QUOTA_BASES.join(', ')}; got '${baseFlag}'`);
    }
    base = baseFlag;
  }
  for (const entry of flags) readQuotaEntry(entry, overrides);
  if (base === undefined && Object.keys(overrides).length === 0) return undefined;
  return resolveQuotas(base ?? 'emulator', overrides);
}

function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): Command {
  const values = parseFlags(argv);
  if (values.help) return { run: 'help' };
  if (values.version) return { run: 'version' };
  // A flag beats its environment variable; an empty variable counts as unset.
  const pick = (flag: Flag): string | undefined => values[flag] ?? (env[variables[flag]] || undefined);
  const config = definedOnly<Config>({
    host: pick('host'),
    port: port(pick('port')),
    dataDir: pick('data-dir'),
    databaseUrl: databaseUrl(pick('database-url'), pick('data-dir')),
    clock: oneOf<ClockMode>('clock', pick('clock'), ['real', 'speed', 'instant', 'manual']),
    speedFactor: speedFactor(pick('speed')),
    auth: oneOf<AuthMode>('auth', pick('auth'), ['off', 'sigv4']),
    credentialsFile: pick('credentials'),
    adminToken: pick('admin-token'),
    allowedHosts: list('allowed-hosts', pick('allowed-hosts'), HOST_NAME, 'emulator,workspaces.test'),
    corsOrigins: list('cors-origins', pick('cors-origins'), WEB_ORIGIN, 'http://localhost:3000'),
    defaultRegion: pick('region'),
    defaultAccount: accountId(pick('default-account')),
    logLevel: oneOf<LogLevel>('log-level', pick('log-level'), ['silent', 'error', 'warn', 'info', 'debug']),
    answerCache: onOff('answer-cache', pick('answer-cache')),
    consistency: oneOf<ConsistencyMode>('consistency', pick('consistency'), ['strong', 'eventual']),
    quotas: quotaSettings(values.quota ?? [], values.quotas, env.WORKSPACES_LOCAL_QUOTAS ?? ''),
  });
  const seedFile = pick('seed');
  return { run: 'start', config, ...(seedFile !== undefined && { seedFile }) };
}

/** With auth off any 12-digit access key id is an account; with sigv4 the caller must use the credentials file. */
function tryItLines(endpoint: string, region: string, auth: Config['auth']): string[] {
  if (auth === 'sigv4') {
    return [
      '  try it with a principal of the credentials file (see docs/auth.md):',
      `    aws workspaces describe-workspace-bundles --owner AMAZON --endpoint-url ${endpoint} --region ${region}`,
    ];
  }
  return [
    '  try it (any 12-digit access key id is an account):',
    `    AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=test aws workspaces describe-workspace-bundles --owner AMAZON --endpoint-url ${endpoint} --region ${region}`,
    `    new WorkSpacesClient({ endpoint: '${endpoint}', region: '${region}', credentials: { accessKeyId: '111111111111', secretAccessKey: 'test' } })`,
  ];
}

/** Beyond loopback the admin API is the network's: say that it is closed, or what opens it. */
function adminLines(config: Config, endpoint: string): string[] {
  if (isLoopbackHost(config.host)) return [];
  if (config.adminToken === undefined) {
    return [
      `  warning: listening on ${config.host} without --admin-token: the admin API and dashboard data are disabled`,
    ];
  }
  return [
    '  admin API (/_emulator/…): reachable from the network; every call needs "Authorization: Bearer <admin token>"',
    `  dashboard with the token: ${endpoint}/_emulator/ui#token=<admin token>`,
  ];
}

/** Where the socket really listens; a wildcard bind also names the address to use from this machine. */
function listeningOn(config: Config, emulator: Emulator): string {
  if (config.host === '0.0.0.0') {
    return `http://0.0.0.0:${emulator.port} (every IPv4 interface; from this machine ${emulator.endpoint})`;
  }
  if (config.host === '::')
    return `http://[::]:${emulator.port} (every interface; from this machine ${emulator.endpoint})`;
  return emulator.endpoint;
}

/** What to paste to try it, and anything the user should know about how it is exposed. */
function banner(emulator: Emulator, seedFile: string | undefined): string {
  const { config, store } = emulator.app;
  const { endpoint } = emulator;
  return [
    `workspaces-local ${version} listening on ${listeningOn(config, emulator)}`,
    `  store: ${store.info.database ?? store.info.path ?? 'in memory'}; clock: ${config.clock}; auth: ${config.auth}${seedFile ? `; seeded from ${seedFile}` : ''}`,
    `  dashboard: ${endpoint}/_emulator/ui`,
    ...adminLines(config, endpoint),
    ...tryItLines(endpoint, config.defaultRegion, config.auth),
    '  Ctrl+C stops it.',
    '',
  ].join('\n');
}

/**
 * First signal: finish in-flight requests, close the store, flush the log, exit 0. A second one exits at once. The log
 * holds the lines of up to the last 10 ms (src/log.ts): every way out writes them first.
 */
function stopOnSignals(emulator: Emulator): void {
  const { log } = emulator.app;
  process.on('exit', () => log.flush());
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { stack: error.stack });
    log.flush();
    process.stderr.write(`workspaces-local: ${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`workspaces-local: ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`workspaces-local: stopped with an error: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function start(config: Partial<Config>, seedFile: string | undefined): Promise<void> {
  let emulator: Emulator;
  try {
    const seed = seedFile === undefined ? undefined : (readFixtureFile(seedFile) as Fixture);
    emulator = await startEmulator({
      port: defaultConfig.port,
      logLevel: defaultConfig.logLevel,
      ...config,
      ...(seed && { seed }),
    });
  } catch (error) {
    process.stderr.write(`workspaces-local: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  stopOnSignals(emulator);
  process.stdout.write(banner(emulator, seedFile));
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`workspaces-local: ${error.message}\nRun workspaces-local --help to see the options.\n`);
    process.exit(2);
  }
  if (command.run === 'help') process.stdout.write(help);
  else if (command.run === 'version') process.stdout.write(`${version}\n`);
  else await start(command.config, command.seedFile);
}

// Not a top-level await: the command ships as one CommonJS file (scripts/bundle-cli.ts).
main().catch((error: unknown) => {
  process.stderr.write(`workspaces-local: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
