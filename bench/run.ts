// `npm run bench`: builds the package, benchmarks the built emulator, prints the tables and targets (see
// docs/performance.md).
// Flags: --scale | --moto | --soak | --hostile | --all | --smoke | --scale-out (1-3 instances on PostgreSQL,
// docs/scale-out.md), --no-build, --src, --rounds N, --seconds S, --json FILE, --cpu-prof DIR, --autocannon (the load
// generator when wrk is installed too).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchOptions, fullOptions, runBenchmark, smokeOptions } from './benchmark.js';
import { formatReport } from './report.js';
import { formatScaleOut, runScaleOut } from './scale-out.js';
import { wrkInstalled } from './wrk.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    'scale-out': { type: 'boolean', default: false },
    moto: { type: 'boolean', default: false },
    hostile: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    src: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    autocannon: { type: 'boolean', default: false },
  },
  strict: true,
});

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number; got '${value}'`);
  return n;
}

function build(): void {
  process.stderr.write('building: npm run build\n');
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0)
    throw new Error('npm run build failed; fix the build or pass --no-build to bench the last one');
}

const preset = values.smoke ? smokeOptions : fullOptions;
const rounds = positive('rounds', values.rounds);
const seconds = positive('seconds', values.seconds);
const options: BenchOptions = {
  ...preset,
  build: values.src ? 'src' : 'dist',
  generator: !values.autocannon && wrkInstalled() ? 'wrk' : 'autocannon',
  // No part named: the scenarios and what users feel. --all: every part but the soak. --smoke: every part, briefly.
  parts: (() => {
    const named = values.scale || values.moto || values.soak || values.hostile;
    const every = values.smoke || values.all;
    return {
      scenarios: every || !named,
      users: every || !named,
      scale: every || values.scale,
      peer: every || values.moto,
      soak: values.smoke || values.soak,
      hostile: every || values.hostile,
    };
  })(),
  plan: { ...preset.plan, ...(rounds && { rounds }), ...(seconds && { roundSeconds: seconds }) },
  emulatorNodeFlags: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [],
  progress: (line) => process.stderr.write(`${line}\n`),
};

if (options.build === 'dist' && !values['no-build']) build();
const report = values['scale-out'] ? await runScaleOut(options) : await runBenchmark(options);
process.stdout.write('rows' in report ? formatScaleOut(report) : formatReport(report));
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
