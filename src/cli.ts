#!/usr/bin/env node
// The workspaces-local command: flags, or WORKSPACES_LOCAL_* environment variables, over the defaults.
import { parseArgs } from 'node:util';
import { type AuthMode, type ClockMode, type Config, defaultConfig, type LogLevel } from './config.js';
import { startEmulator } from './index.js';
import { version } from './version.js';

const help = `workspaces-local ${version} — a local emulator of the Amazon WorkSpaces API

Usage: workspaces-local [options]

Options (each also settable as an environment variable):
  --host HOST          address to listen on (WORKSPACES_LOCAL_HOST, default ${defaultConfig.host})
  --port PORT          port to listen on, 0 for any free one (WORKSPACES_LOCAL_PORT, default ${defaultConfig.port})
  --data-dir DIR       keep state in DIR/workspaces-local.sqlite; in memory when absent (WORKSPACES_LOCAL_DATA_DIR)
  --clock MODE         real | speed | instant | manual (WORKSPACES_LOCAL_CLOCK, default ${defaultConfig.clock})
  --speed FACTOR       with --clock speed: transitions take duration / FACTOR (WORKSPACES_LOCAL_SPEED, default 1)
  --auth MODE          off | sigv4 (WORKSPACES_LOCAL_AUTH, default ${defaultConfig.auth})
  --region REGION      Region for requests that carry no credential scope (WORKSPACES_LOCAL_REGION, default ${defaultConfig.defaultRegion})
  --log-level LEVEL    silent | error | warn | info | debug (WORKSPACES_LOCAL_LOG_LEVEL, default ${defaultConfig.logLevel})
  -h, --help           show this help
  -v, --version        show the version
`;

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  clock: { type: 'string' },
  speed: { type: 'string' },
  auth: { type: 'string' },
  region: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

function positiveNumber(name: string, value: string | undefined, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0))
    throw new Error(`--${name} must be a number; got '${value}'`);
  return n;
}

function configFrom(argv: string[], env: NodeJS.ProcessEnv): Partial<Config> | 'help' | 'version' {
  const { values } = parseArgs({ args: argv, options, strict: true });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const pick = (flag: keyof typeof values, variable: string) => (values[flag] as string | undefined) ?? env[variable];
  return {
    host: pick('host', 'WORKSPACES_LOCAL_HOST'),
    port: positiveNumber('port', pick('port', 'WORKSPACES_LOCAL_PORT'), true),
    dataDir: pick('data-dir', 'WORKSPACES_LOCAL_DATA_DIR'),
    clock: oneOf<ClockMode>('clock', pick('clock', 'WORKSPACES_LOCAL_CLOCK'), ['real', 'speed', 'instant', 'manual']),
    speedFactor: positiveNumber('speed', pick('speed', 'WORKSPACES_LOCAL_SPEED'), false),
    auth: oneOf<AuthMode>('auth', pick('auth', 'WORKSPACES_LOCAL_AUTH'), ['off', 'sigv4']),
    defaultRegion: pick('region', 'WORKSPACES_LOCAL_REGION'),
    logLevel: oneOf<LogLevel>('log-level', pick('log-level', 'WORKSPACES_LOCAL_LOG_LEVEL'), [
      'silent',
      'error',
      'warn',
      'info',
      'debug',
    ]),
  } as Partial<Config>;
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof configFrom>;
  try {
    parsed = configFrom(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help}`);
    process.exit(2);
  }
  if (parsed === 'help') return void process.stdout.write(help);
  if (parsed === 'version') return void process.stdout.write(`${version}\n`);
  const emulator = await startEmulator({ port: defaultConfig.port, logLevel: defaultConfig.logLevel, ...parsed });
  const { config } = emulator.app;
  process.stdout.write(
    [
      `workspaces-local ${version} listening on ${emulator.endpoint}`,
      `  store: ${config.dataDir ? `file in ${config.dataDir}` : 'in memory'}; clock: ${config.clock}; auth: ${config.auth}`,
      '  try it:',
      `    aws workspaces describe-applications --endpoint-url ${emulator.endpoint} --region ${config.defaultRegion}`,
      `    new WorkSpacesClient({ endpoint: '${emulator.endpoint}', region: '${config.defaultRegion}' })`,
      '',
    ].join('\n'),
  );
  const shutdown = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
