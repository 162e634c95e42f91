// The benchmark's smoke mode, run as `npm run bench:smoke` runs it, so the benchmark keeps working: the generator
// ceiling, every scenario (log at info and silent), the cold start, the scale sweep, the comparisons with moto, the
// in-process timings, the soak and every target are measured and reported. No figure is asserted: timings belong to
// the machine, and the test suite never judges them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, SCENARIOS, smokeOptions } from '../../bench/benchmark.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let run: { status: number | null; stdout: string; stderr: string };
let report: Report;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const json = join(dir, 'report.json');
  run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--src', '--json', json], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 380_000,
  });
  if (run.status !== 0) throw new Error(`bench --smoke failed (${run.status}):\n${run.stderr}`);
  report = JSON.parse(readFileSync(json, 'utf8')) as Report;
}, 390_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isMeasured = (n: number) => Number.isFinite(n) && n > 0;

describe('npm run bench:smoke', () => {
  it('drives every scenario against the emulator with its log at info, with its log silent, and the bare server', () => {
    expect(report.scenarios.map((s) => s.name)).toEqual(Object.values(SCENARIOS));
    for (const { comparison } of report.scenarios) {
      expect(comparison.rounds).toHaveLength(smokeOptions.plan.rounds);
      for (const side of [comparison.emulator, comparison.bare, comparison.silent]) {
        expect(side?.responses).toBeGreaterThan(0);
        expect([side?.rps, side?.p50, side?.p99].every((n) => isMeasured(n ?? Number.NaN))).toBe(true);
      }
      expect(isMeasured(comparison.ratio)).toBe(true);
      expect(isMeasured(comparison.logRatio ?? Number.NaN)).toBe(true);
    }
  });

  it('measures the load generator against the bare server as run and doubled (wrk when installed)', () => {
    const wrk = spawnSync('wrk', ['--version']).error === undefined;
    expect(report.generator).toBe(wrk ? 'wrk' : 'autocannon');
    expect(report.ceiling?.generator).toBe(report.generator);
    for (const side of [report.ceiling?.base, report.ceiling?.doubled]) {
      expect(side?.responses).toBeGreaterThan(0);
    }
    expect(isMeasured(report.ceiling?.gain ?? Number.NaN)).toBe(true);
  });

  it('times cold starts of the emulator CLI and of the bare server', () => {
    expect(report.coldStart?.samples.emulator).toHaveLength(smokeOptions.coldStarts);
    expect(report.coldStart?.samples.bare).toHaveLength(smokeOptions.coldStarts);
    expect(isMeasured(report.coldStart?.ratio ?? Number.NaN)).toBe(true);
  });

  it('seeds every scale size and reports its page latency and memory per association', () => {
    expect(report.scale.map((s) => s.size)).toEqual(smokeOptions.scaleSizes);
    expect(isMeasured(report.scaleTrend?.page.ratio ?? Number.NaN)).toBe(true);
    expect(isMeasured(report.scaleTrend?.imagePage.ratio ?? Number.NaN)).toBe(true);
    for (const size of report.scale) {
      expect(isMeasured(size.page.p50)).toBe(true);
      expect(isMeasured(size.imagePage.p50)).toBe(true);
      expect(Number.isFinite(size.rssBytesPerAssociation)).toBe(true);
      expect(Number.isFinite(size.heapBytesPerAssociation)).toBe(true);
    }
  });

  it('compares the emulator with moto on one call, each side answered', () => {
    expect(report.peer?.peer).toMatch(/^moto \d/);
    const comparison = report.peer?.comparison;
    expect(comparison?.rounds).toHaveLength(smokeOptions.plan.rounds);
    for (const side of [comparison?.emulator, comparison?.bare]) {
      expect(side?.responses).toBeGreaterThan(0);
      expect(isMeasured(side?.p50 ?? Number.NaN)).toBe(true);
    }
    expect(isMeasured(comparison?.ratio ?? Number.NaN)).toBe(true);
  });

  it("times a boto3 suite against the emulator and against moto's server", () => {
    expect(report.suite?.peer).toMatch(/^moto \d/);
    expect(report.suite?.tests).toBe(smokeOptions.suiteTests);
    expect(isMeasured(report.suite?.emulatorSeconds ?? Number.NaN)).toBe(true);
    expect(isMeasured(report.suite?.peerSeconds ?? Number.NaN)).toBe(true);
  });

  it("times the in-process API: startEmulator(), reset() and a second instance's start", () => {
    expect(report.inProcess?.samples).toBe(smokeOptions.inProcessSamples);
    for (const ms of [report.inProcess?.startMs, report.inProcess?.resetMs, report.inProcess?.secondStartMs]) {
      expect(isMeasured(ms ?? Number.NaN)).toBe(true);
    }
  });

  it('soaks the emulator with mixed reads and writes, sampling its memory', () => {
    expect(report.soak?.load.responses).toBeGreaterThan(0);
    expect(report.soak?.rss.length).toBeGreaterThanOrEqual(2);
    expect(report.soak?.rss.every((s) => isMeasured(s.bytes))).toBe(true);
    expect(isMeasured(report.soak?.growth ?? Number.NaN)).toBe(true);
  });

  it('refuses hostile bodies and measures the describe load without and with them', () => {
    const hostile = report.hostile;
    expect(hostile?.refusalMs.every(isMeasured)).toBe(true);
    expect(hostile?.hostileSent).toBeGreaterThan(0);
    for (const side of [hostile?.quiet, hostile?.underAttack]) {
      expect(side?.responses).toBeGreaterThan(0);
      expect(isMeasured(side?.p99 ?? Number.NaN)).toBe(true);
    }
  });

  it('judges every target, met or not', () => {
    const targets = report.targets.map((t) => t.target);
    for (const phrase of [
      'generator ceiling',
      'log at info ≥ 0.90× log silent',
      'DescribeApplications, answer cache off ≥ 0.60× bare',
      'DescribeImageAssociations, answer cache off ≥ 0.60× bare',
      'Associate + Disassociate, in memory ≥ 0.50× bare',
      'boto3 suite ≥ 20× faster',
      'soak: RSS flat within 10 %',
      'DescribeImageAssociations ≥ 0.70× bare req/s',
      'cold start ≤ 1.5× bare',
      'page latency (p50)',
      'IMAGE-only page latency (p50)',
      'memory per stored association',
      'durable writes/s',
      '× moto',
      'nested brackets refused in < 50 ms',
      'while hostile bodies arrive',
    ]) {
      expect(targets.some((t) => t.includes(phrase))).toBe(true);
    }
    // p99: repeated reads and writes; the answer-cache-off rows have their ratio targets instead.
    const judged = report.scenarios.filter((s) => !s.name.endsWith('answer cache off'));
    expect(targets.filter((t) => t.startsWith('p99 ≤ 5 ms'))).toHaveLength(judged.length);
    expect(targets.filter((t) => t.startsWith('log at info'))).toHaveLength(report.scenarios.length);
  });

  it('prints the tables a reader compares, one row per scenario', () => {
    for (const name of Object.values(SCENARIOS)) expect(run.stdout).toContain(name);
    expect(run.stdout).toContain('cold start (spawn → first 200)');
    expect(run.stdout).toContain('generator ceiling (bare server)');
    expect(run.stdout).toContain('info/silent');
    expect(run.stdout).toContain('boto3 suite');
    expect(run.stdout).toContain('in process (median of fresh processes)');
    expect(run.stdout).toContain('soak: mixed reads and writes');
    expect(run.stdout).toContain('DescribeWorkspaces, node:http client');
    expect(run.stdout).toContain('hostile bodies before auth');
    expect(run.stdout).toContain('smoke run');
    expect(run.stdout).toMatch(/\bMISSED\b|\bmet\b/);
  });
});
