/**
 * `npm run drills [-- <id or number>…] [--short] [--no-write]`: runs the drills (all, at full size,
 * by default), prints what each did and lost, and — for a run of every drill at full size — rewrites
 * docs/reliability.md. Exits 1 when any drill fails. Started by scripts/drills.mjs, which builds first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DRILLS, runDrill, type DrillResult } from './index';
import { consoleSummary, machineLine, reliabilityMarkdown } from './report';

const REPORT = path.resolve(__dirname, '../../docs/reliability.md');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = args.includes('--short') ? 'short' : 'full';
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !DRILLS.some((d) => d.id === w || String(d.number) === w));
  if (unknown.length > 0) {
    console.error(`Unknown drill ${unknown.join(', ')}. Drills: ${DRILLS.map((d) => `${d.number} ${d.id}`).join(', ')}`);
    process.exit(2);
  }
  const drills = wanted.length ? DRILLS.filter((d) => wanted.includes(d.id) || wanted.includes(String(d.number))) : DRILLS;
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  console.log(`Drills (${size}) on ${machineLine()}; load ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}`);
  const results: DrillResult[] = [];
  for (const drill of drills) {
    console.log(`\n▶ ${drill.number}. ${drill.title}`);
    const result = await runDrill(drill, { size, log: (line) => console.log(`  ${line}`) });
    results.push(result);
    console.log(consoleSummary(result));
  }
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const passed = results.filter((r) => r.passed).length;
  console.log(`\n${passed} of ${results.length} drills passed in ${(seconds / 60).toFixed(1)} min.`);
  const everyDrill = drills.length === DRILLS.length && size === 'full';
  if (everyDrill && !args.includes('--no-write')) {
    fs.writeFileSync(REPORT, reliabilityMarkdown(results, { command: 'npm run drills', size, startedAt, seconds, loadAtStart }));
    console.log(`Wrote ${path.relative(process.cwd(), REPORT)}.`);
  } else if (!everyDrill) {
    console.log('docs/reliability.md is rewritten only by a full-size run of every drill.');
  }
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
