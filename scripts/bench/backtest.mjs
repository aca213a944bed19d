#!/usr/bin/env node
// Benchmark part "backtest": libs/scoring's runBacktest over a synthetic history (libs/scoring/bench/backtest.bench.js).
// Usage: node scripts/bench/backtest.mjs [--out section.md]. Env: BENCH_BACKTEST_ACCOUNTS (1000), BENCH_BACKTEST_DAYS (30), BENCH_RUNS (3 here).
import { spawnSync } from 'node:child_process';
import { log, writeSection } from './lib/part-io.mjs';
import { repoRoot } from './lib/paths.mjs';

const accounts = process.env.BENCH_BACKTEST_ACCOUNTS ?? '1000';
const days = process.env.BENCH_BACKTEST_DAYS ?? '30';
const runs = String(Math.min(Number(process.env.BENCH_RUNS ?? 3), 3));
const args = ['libs/scoring/bench/backtest.bench.js', '--accounts', accounts, '--days', days, '--runs', runs];
log('backtest', `node ${args.join(' ')}`);
const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
if (run.status !== 0) throw new Error(`backtest bench failed: ${run.stderr}`);
process.stdout.write(run.stdout);
const output = run.stdout.trim();

/** Which scenarios reach 1 M events/s, read from the bench's output lines. */
function verdict() {
  const scenarios = output
    .split('\n')
    .map((line) => /^(.+?): ([\d,]+) events\/s/.exec(line))
    .filter(Boolean)
    .map(([, name, rate]) => ({ name, rate: Number(rate.replace(/,/g, '')) }));
  const met = scenarios.filter((s) => s.rate >= 1_000_000).map((s) => s.name);
  if (met.length === scenarios.length) return { text: 'met by every scenario', allMet: true };
  if (met.length === 0) return { text: '**not met** by any scenario in this run', allMet: false };
  return { text: `met by ${met.join('; ')} — **not** by the others in this run`, allMet: false };
}
const { text, allMet } = verdict();

writeSection(`
## Backtest (libs/scoring runBacktest over a synthetic history)
Command: \`node ${args.join(' ')}\` (best of ${runs} runs per scenario; one process, one core)

\`\`\`
${output}
\`\`\`
Target (issue 3): ≥ 1,000,000 events/s in one pass — ${text}.${
  allMet
    ? ''
    : ` What limits it: a backtest replays every event through
the same incremental code ingest runs (rule matching with structured filters, decay, caps, the score read before and after
each event, window aggregates per day bucket), on one JavaScript thread; the aggregate scenarios also maintain per-person
day series. What would close the gap: columnar event arrays instead of objects, compiling a model's filters once per
backtest, and splitting subjects across worker threads (subjects are independent).`
}
`);
