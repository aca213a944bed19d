/**
 * `npm run bench` at a tiny size: the orchestrator (scripts/bench.mjs) runs the fast parts — ingest on SQLite
 * (and PostgreSQL when DATABASE_URL is set), backtest, and the Tripline vs naive one-workflow-per-event baseline
 * on a real stack — and writes the document to a temporary path (BENCH_DOC). Checks that every section holds
 * measured numbers, so a part that breaks (or writes an empty table) fails here rather than in the next full run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(240_000);

const root = path.resolve(__dirname, '..', '..');

function runBench(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The markdown between `## <title>` and the next `## ` heading. */
function section(doc: string, title: string): string {
  const start = doc.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section "${title}" in:\n${doc}`);
  const next = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, next < 0 ? undefined : next);
}

/** Table rows starting with `| <label>` whose cells hold numbers. */
const numbersInRow = (text: string, label: string): number[] => {
  const row = text.split('\n').find((line) => line.startsWith(`| ${label}`));
  if (!row) throw new Error(`no row "${label}" in:\n${text}`);
  return [...row.slice(label.length + 2).matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
};

describe('npm run bench (smoke size)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-smoke-'));
  const docFile = path.join(dir, 'benchmarks.md');
  let doc = '';
  let result: { code: number | null; output: string };

  beforeAll(async () => {
    result = await runBench({
      BENCH_DOC: docFile,
      BENCH_ONLY: 'ingest,backtest,baseline',
      BENCH_RUNS: '1',
      BENCH_BATCHES: '2',
      BENCH_BACKTEST_ACCOUNTS: '20',
      BENCH_BACKTEST_DAYS: '3',
      BENCH_BASELINE_PEOPLE: '3',
      BENCH_BASELINE_EVENTS_PER_PERSON: '6',
      BENCH_BASELINE_PROBES: '2',
      BENCH_WARMUP: '0',
    });
    doc = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : '';
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and writes the document with the machine, the exact command and the parts run', () => {
    expect({ code: result.code, tail: result.code === 0 ? '' : result.output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(doc).toMatch(/- Machine: \d+ cores \(.+\), \d+ GiB memory, Node v\d+/);
    expect(doc).toContain('BENCH_ONLY=ingest,backtest,baseline BENCH_RUNS=1');
    expect(doc).toMatch(/- Parts run: ingest \d+ s, backtest \d+ s, baseline \d+ s/);
    expect(doc).not.toContain('**Failed**');
  });

  it('ingest: events/s and latency per batch size on SQLite, and on PostgreSQL when DATABASE_URL is set', () => {
    const ingest = section(doc, 'Ingest');
    for (const size of ['100', '500']) {
      // median events/s, min, max, request p50, request p99, API peak RSS
      const databases = process.env.DATABASE_URL ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
      for (const database of databases) {
        const cells = numbersInRow(ingest, `${database} | ${size}`);
        expect(cells).toHaveLength(6);
        for (const value of cells) expect(value).toBeGreaterThan(0);
      }
    }
    if (process.env.DATABASE_URL) expect(ingest).toMatch(/database `tripline_bench_[0-9a-f]{8}` created for this run and dropped after it/);
    expect(ingest).toMatch(/Target \(issue 3\): ≥ 50,000 events\/s on SQLite — (met|\*\*not met\*\*)/);
  });

  it('backtest: events/s per scenario', () => {
    const backtest = section(doc, 'Backtest');
    expect(backtest.match(/: [\d,]+ events\/s/g)?.length).toBeGreaterThanOrEqual(3);
    expect(backtest).toMatch(/Target \(issue 3\): ≥ 1,000,000 events\/s in one pass — /);
  });

  it('baseline: events/s of both paths, their ratio and event → action latency, every email delivered', () => {
    const baseline = section(doc, 'Baseline for the ratio');
    const tripline = numbersInRow(baseline, 'Tripline (/v1/batch');
    const naive = numbersInRow(baseline, 'naive (one workflow per event)');
    // runs, median, min, max
    expect(tripline[0]).toBe(1);
    expect(naive[0]).toBe(1);
    expect(tripline[1]).toBeGreaterThan(0);
    expect(naive[1]).toBeGreaterThan(0);
    expect(baseline).toMatch(/\*\*Ratio Tripline \/ naive \(per run, same run\): \d+\.\d×\*\*/);
    for (const label of ['Tripline, idle probes', 'naive, idle probes', 'Tripline, crossing events', 'naive, crossing events']) {
      const [events, p50, p95, p99] = numbersInRow(baseline, label).slice(-4);
      expect(events).toBeGreaterThan(0);
      expect(p50).toBeGreaterThan(0);
      expect(p99).toBeGreaterThanOrEqual(p95);
    }
    // 3 people crossing in the run + 2 probes, through each path.
    expect(baseline).toContain('Emails received: Tripline 5, naive 5 (expected 5 each');
  });
});
