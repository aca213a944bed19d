import * as os from 'node:os';
import type { DrillResult, DrillSize } from './drill';
import { FINDINGS } from './findings';

export interface RunInfo {
  command: string;
  size: DrillSize;
  startedAt: Date;
  seconds: number;
  /** Load average when the run started: the machine may be busy with other work. */
  loadAtStart: number[];
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, ${os.type()} ${os.release()}, Node ${process.version}`;
}

// The short sizes, as the drills define them (kept here in words for the report).
const SHORT_SIZES =
  'the short size, in two files of about 3 minutes together: drill 1 with 60 runs and 5 kills, only between sends (200 runs do not fit: every restart of the worker takes about 10 s on this machine, and a kill during a send waits out the action’s 2-minute timeout), drill 2 with 2 kills, drill 3 with 60 runs and one restart, drill 4 with 1,200 requests, drill 5 with 312 templates, drills 6–8 sampled (every vector kind, fewer bytes).';

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const missed = (r: DrillResult) => r.checks.filter((c) => c.target && !c.passed);
const verdict = (r: DrillResult) => (!r.passed ? '**FAIL**' : missed(r).length ? '**pass**, target missed' : '**pass**');

/** docs/reliability.md: the machine, the command, each drill's numbers and verdict, the date. */
export function reliabilityMarkdown(results: DrillResult[], run: RunInfo): string {
  const passed = results.filter((r) => r.passed).length;
  const lines = [
    '# Reliability drills',
    '',
    `Written by \`${run.command}\` on ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; do not edit by hand, run the command again. The drills live in \`drills/src/\` (one file per drill); a short version of each runs in \`npm test\` (\`e2e/test/drills-*.test.ts\`).`,
    '',
    `- **Machine:** ${machineLine()}; load average ${run.loadAtStart.map((l) => l.toFixed(2)).join(' / ')} when the run started (other work shares the machine).`,
    `- **Command:** \`${run.command}\` (${run.size} size; \`npm run drills -- <id or number> …\` runs some of them, \`-- --short\` the \`npm test\` size).`,
    `- **Result:** ${passed} of ${results.length} drills passed in ${(run.seconds / 60).toFixed(1)} min.`,
    `- **In \`npm test\`:** ${SHORT_SIZES}`,
    '',
    '| # | drill | verdict | lost | time |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.number} | [${cell(r.title)}](#${r.number}-${r.id}) | ${verdict(r)} | ${cell(r.lost)} | ${r.seconds.toFixed(0)} s |`),
    '',
  ];
  for (const r of results) {
    lines.push(`<a id="${r.number}-${r.id}"></a>`, `## ${r.number}. ${r.title}`, '', `\`npm run drills -- ${r.id}\` · ${verdict(r)} in ${r.seconds.toFixed(1)} s`, '', `**Did:** ${r.did}`, '', `**Lost:** ${r.lost}`, '');
    if (r.figures.length > 0) {
      lines.push('| figure | value |', '|---|---|', ...r.figures.map(([label, value]) => `| ${cell(label)} | ${cell(value)} |`), '');
    }
    lines.push('Checks (✓ held, ✗ did not; "target" marks a goal the design cannot promise under every crash):', '', ...r.checks.map((c) => `- ${c.passed ? '✓' : '✗'} ${c.what}${c.target ? ' (target)' : ''} — ${c.detail.split('\n')[0]}`), '');
    if (r.notes?.length) lines.push(...r.notes.flatMap((n) => [`> ${n}`, '']));
  }
  const fixed = FINDINGS.filter((f) => f.fixed);
  const open = FINDINGS.filter((f) => f.open);
  lines.push('## Found by the drills and fixed', '', ...fixed.map((f) => `- **Drill ${f.drill}.** ${f.found} **Fixed:** ${f.fixed}`), '');
  lines.push('## Found and still open: what limits it, what would close it', '', ...open.map((f) => `- **Drill ${f.drill}.** ${f.found} ${f.open}`), '');
  const misses = results.flatMap((r) => missed(r).map((c) => `- **Drill ${r.number}, ${c.what}:** ${c.detail}`));
  lines.push('## Targets missed in this run', '', ...(misses.length ? misses : ['None.']), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** One drill's result as console lines. */
export function consoleSummary(r: DrillResult): string {
  return [
    `${r.passed ? (missed(r).length ? 'PASS (target missed)' : 'PASS') : 'FAIL'} ${r.number}. ${r.title} (${r.seconds.toFixed(1)} s)`,
    `  did:  ${r.did}`,
    `  lost: ${r.lost}`,
    ...r.figures.map(([label, value]) => `    ${label}: ${value}`),
    ...r.checks.filter((c) => !c.passed).map((c) => `  ✗ ${c.what}${c.target ? ' (target)' : ''}: ${c.detail}`),
  ].join('\n');
}
