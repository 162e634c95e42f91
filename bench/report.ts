// The benchmark report as plain-text tables: scenarios side by side with the bare server, cold start, scale, the
// comparison with moto, targets.
import type { Report } from './benchmark.js';
import type { LoadResult } from './load.js';

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const load = (r: LoadResult) => [num(r.rps), num(r.p50, 2), num(r.p99, 2)];

export function formatReport(report: Report): string {
  const out: string[] = [];
  const p = report.plan;
  out.push(
    `workspaces-local benchmark — build: ${report.build}, load generator: ${report.generator}, node ${report.node}, ${report.cpus} CPUs, ` +
      `load average ${num(report.loadAverage.before, 2)} → ${num(report.loadAverage.after, 2)}`,
    `${p.connections} connections, ${p.warmupSeconds} s warm-up, ${p.rounds} interleaved rounds of ${p.roundSeconds} s ` +
      `per target${report.generator === 'autocannon' ? `, each after ${p.roundLeadInSeconds} s unmeasured` : ''}; ` +
      'medians over rounds; latency in ms',
    ...(report.mode === 'smoke'
      ? ['smoke run: it proves every part runs; rounds this short and this cold measure nothing (npm run bench does)']
      : []),
    '',
  );
  if (report.ceiling) {
    const c = report.ceiling;
    out.push(
      table(
        [
          'generator ceiling (bare server)',
          'as run req/s',
          'p50',
          'p99',
          'doubled req/s',
          'p50',
          'p99',
          'gain',
          'range',
        ],
        [
          [
            c.generator,
            ...load(c.base),
            ...load(c.doubled),
            num(c.gain, 2),
            `${num(c.gainSpread.min, 2)}–${num(c.gainSpread.max, 2)}`,
          ],
        ],
      ),
      `doubled: twice the connections${c.generator === 'wrk' ? ' and threads' : ''}; a gain under 1.10 means the generator outpaces the bare server.`,
      '',
    );
  }
  if (report.scenarios.length > 0) {
    const range = (r: { min: number; max: number } | undefined) => (r ? `${num(r.min, 2)}–${num(r.max, 2)}` : '');
    out.push(
      table(
        [
          'scenario',
          'emulator req/s',
          'p50',
          'p99',
          'bare req/s',
          'p50',
          'p99',
          'ratio',
          'range',
          'log silent req/s',
          'info/silent',
          'range',
        ],
        report.scenarios.map(({ name, comparison: c }) => [
          name,
          ...load(c.emulator),
          ...load(c.bare),
          num(c.ratio, 2),
          range(c.ratioSpread),
          c.silent ? num(c.silent.rps) : '',
          c.logRatio === undefined ? '' : num(c.logRatio, 2),
          range(c.logRatioSpread),
        ]),
      ),
      'emulator: access log at info (the command default), to /dev/null; log silent: the same emulator with --log-level silent.',
      '',
    );
  }
  if (report.coldStart) {
    const c = report.coldStart;
    out.push(
      table(
        ['cold start (spawn → first 200)', 'emulator ms', 'bare ms', 'ratio', 'samples'],
        [['median', num(c.emulatorMs, 1), num(c.bareMs, 1), num(c.ratio, 2), String(c.samples.emulator.length)]],
      ),
      '',
    );
  }
  if (report.scale.length > 0) {
    out.push(
      table(
        ['associations', 'page req/s', 'p50', 'p99', 'IMAGE page req/s', 'p50', 'p99', 'RSS B/assoc', 'heap B/assoc'],
        report.scale.map((s) => [
          num(s.size),
          ...load(s.page),
          ...load(s.imagePage),
          num(s.rssBytesPerAssociation),
          num(s.heapBytesPerAssociation),
        ]),
      ),
      "page: first 25 of the application's associations of every type; IMAGE page: first 25 of its IMAGE ones, stored",
      'after all the others. Memory: process RSS and V8 heapUsed after gc, minus the same before seeding, per row.',
      '',
    );
  }
  if (report.peer) {
    const { peer, operation, comparison: c } = report.peer;
    out.push(
      table(
        [`${operation}, node:http client`, 'emulator req/s', 'p50', 'p99', `${peer} req/s`, 'p50', 'p99', 'ratio'],
        [['median', ...load(c.emulator), ...load(c.bare), num(c.ratio, 1)]],
      ),
      `${peer} closes the connection after every answer, which autocannon cannot keep up with: both servers are driven`,
      "by node:http's client here, which caps the emulator's rate, so the ratio is a lower bound.",
      '',
    );
  }
  if (report.suite) {
    const s = report.suite;
    out.push(
      table(
        [
          `boto3 suite, ${s.tests} tests`,
          'emulator s',
          `${s.peer} s`,
          'emulator ms/test',
          `${s.peer} ms/test`,
          'faster',
        ],
        [
          [
            'wall time',
            num(s.emulatorSeconds, 2),
            num(s.peerSeconds, 2),
            num((1000 * s.emulatorSeconds) / s.tests, 1),
            num((1000 * s.peerSeconds) / s.tests, 1),
            `${num(s.speedup, 1)}×`,
          ],
        ],
      ),
      'each test: reset, register a directory, launch a WorkSpace, describe it, tag it, read the tags, terminate it;',
      "against moto each test first creates the directory through moto's ds and ec2 APIs (bench/boto3-suite.py).",
      '',
    );
  }
  if (report.inProcess) {
    const p = report.inProcess;
    out.push(
      table(
        ['in process (median of fresh processes)', 'startEmulator() ms', 'reset() ms', 'second instance ms', 'samples'],
        [['median', num(p.startMs, 2), num(p.resetMs, 3), num(p.secondStartMs, 2), String(p.samples)]],
      ),
      '',
    );
  }
  if (report.soak) {
    const s = report.soak;
    out.push(
      table(
        [
          'soak: mixed reads and writes',
          'req/s',
          'p50',
          'p99',
          'RSS first MB',
          'RSS min MB',
          'RSS max MB',
          'RSS last MB',
          'growth',
        ],
        [
          [
            `${num(s.seconds)} s, RSS every ${num(s.sampleSeconds)} s`,
            ...load(s.load),
            ...[
              s.rss[0]?.bytes ?? 0,
              Math.min(...s.rss.map((r) => r.bytes)),
              Math.max(...s.rss.map((r) => r.bytes)),
            ].map((b) => num(b / 2 ** 20, 1)),
            num((s.rss[s.rss.length - 1]?.bytes ?? 0) / 2 ** 20, 1),
            num(s.growth, 3),
          ],
        ],
      ),
      `growth: the last sample over the first at or after ${num(s.settleSeconds)} s. Samples (s: MB): ${s.rss
        .map((r) => `${num(r.atSeconds)}: ${num(r.bytes / 2 ** 20, 1)}`)
        .join(', ')}`,
      '',
    );
  }
  if (report.hostile) {
    const h = report.hostile;
    out.push(
      table(
        ['hostile bodies before auth', 'req/s', 'p50', 'p99', 'hostile refused', 'refusal ms (median)'],
        [
          ['DescribeWorkspaceDirectories alone', ...load(h.quiet), '', ''],
          [
            `… while ${h.attackers} connections send ${num(h.bodyBytes / 1024 / 1024, 1)} MB of [`,
            ...load(h.underAttack),
            num(h.hostileSent),
            num(h.refusalMedianMs, 2),
          ],
        ],
      ),
      '',
    );
  }
  out.push(
    table(
      ['target', 'measured', 'result'],
      report.targets.map((t) => [t.target, t.measured, t.met ? 'met' : 'MISSED']),
    ),
  );
  return `${out.join('\n')}\n`;
}
