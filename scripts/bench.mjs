#!/usr/bin/env node
// `npm run bench` → docs/benchmarks.md. Runs each part (scripts/bench/<part>.mjs, in order) as its own
// process; a part prints its progress and writes its markdown section to `--out <file>`. This script
// writes the header (machine, date, exact commands, machine load) and the sections in order.
// Needs a build (`npx nx run-many -t build`). Env:
//   BENCH_ONLY=ingest,baseline   only these parts (names below)
//   BENCH_DOC=<file>             where to write (default docs/benchmarks.md)
//   BENCH_NOTE=<text>            a note for the header (e.g. what else ran on the machine)
//   BENCH_RUNS, BENCH_BATCHES, … read by the parts (see each part's header comment)
//   DATABASE_URL                 a PostgreSQL server: ingest on PostgreSQL and Temporal on PostgreSQL
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = [
  { name: 'ingest', what: 'ingest events/s on SQLite and PostgreSQL' },
  { name: 'backtest', what: 'backtest events/s' },
  { name: 'runtime', what: 'event → action latency, enrollments on the dev server' },
  { name: 'temporal-postgres', what: 'enrollments on Temporal on PostgreSQL' },
  { name: 'baseline', what: 'Tripline vs one workflow per event' },
  { name: 'designer', what: 'designer frame time', optional: true },
];
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : null;
const unknown = only ? [...only].filter((name) => !PARTS.some((p) => p.name === name)) : [];
if (unknown.length > 0) {
  console.error(`BENCH_ONLY names unknown parts: ${unknown.join(', ')}. Known: ${PARTS.map((p) => p.name).join(', ')}`);
  process.exit(2);
}
const docFile = path.resolve(root, process.env.BENCH_DOC || 'docs/benchmarks.md');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-sections-'));

function runPart(part) {
  const script = path.join(root, 'scripts', 'bench', `${part.name}.mjs`);
  const out = path.join(workDir, `${part.name}.md`);
  if (!fs.existsSync(script)) {
    console.log(`\n=== ${part.name}: skipped (scripts/bench/${part.name}.mjs does not exist yet)`);
    return Promise.resolve({ part, section: `## ${part.what[0].toUpperCase()}${part.what.slice(1)}\nSkipped: \`scripts/bench/${part.name}.mjs\` does not exist yet.\n`, ok: true });
  }
  console.log(`\n=== ${part.name}: node scripts/bench/${part.name}.mjs --out ${out}`);
  const started = Date.now();
  return new Promise((resolve) => {
    let tail = '';
    const child = spawn(process.execPath, [script, '--out', out], { cwd: root, env: process.env, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      tail = (tail + chunk).slice(-3000);
    });
    child.once('exit', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`=== ${part.name}: ${code === 0 ? 'done' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      if (code === 0 && fs.existsSync(out)) return resolve({ part, section: fs.readFileSync(out, 'utf8'), ok: true, seconds });
      resolve({ part, section: `## ${part.name}\n**Failed** (${signal ?? `exit ${code}`}) after ${seconds} s:\n\`\`\`\n${tail.trim()}\n\`\`\`\n`, ok: false, seconds });
    });
  });
}

/** `VAR=value` for the settings that change what the parts measure, so the command in the doc is exact. */
function settingsPrefix() {
  const names = Object.keys(process.env).filter((name) => name.startsWith('BENCH_') && name !== 'BENCH_DOC' && name !== 'BENCH_NOTE').sort();
  const settings = names.map((name) => `${name}=${process.env[name]}`);
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    if (url.password) url.password = '***';
    settings.unshift(`DATABASE_URL=${url}`);
  }
  return settings.length ? `${settings.join(' ')} ` : '';
}

const cpus = os.cpus();
const loadAtStart = os.loadavg();
const startedAt = new Date();
const results = [];
for (const part of PARTS) {
  if (only && !only.has(part.name)) continue;
  results.push(await runPart(part));
}
const loadAtEnd = os.loadavg();
const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
const targets = results.flatMap((r) => r.section.split('\n').filter((line) => line.startsWith('Target')).map((line) => `- ${line.replace(/ What limits it:.*$/, '')}`));
const doc = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run it after touching a hot path.
Each part is its own script, \`scripts/bench/<part>.mjs --out <section.md>\`, runnable alone; \`BENCH_ONLY=ingest,baseline\` picks parts.

- Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}
- Commands: \`npx nx run-many -t build\`, then \`${settingsPrefix()}npm run bench\`
- Parts run: ${results.map((r) => `${r.part.name}${r.ok ? '' : ' (failed)'}${r.seconds ? ` ${r.seconds} s` : ''}`).join(', ')}
- Load average (1 / 5 / 15 min) at the start: ${load(loadAtStart)}; at the end: ${load(loadAtEnd)}.${process.env.BENCH_NOTE ? `\n- Note: ${process.env.BENCH_NOTE}` : ''}
- Figures are medians over the runs each part states, with min – max; comparisons are ratios taken within one run. On this
  shared virtual machine the same benchmark can differ by up to 2× between runs an hour apart: compare the ratios, not
  numbers from different runs.
${targets.length ? `\n### Targets in this run\n${targets.join('\n')}\n` : ''}
${results.map((r) => r.section.trim()).join('\n\n')}
`;
fs.mkdirSync(path.dirname(docFile), { recursive: true });
fs.writeFileSync(docFile, doc);
fs.rmSync(workDir, { recursive: true, force: true });
console.log(`\nwrote ${path.relative(root, docFile) || docFile}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
