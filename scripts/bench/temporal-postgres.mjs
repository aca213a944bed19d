#!/usr/bin/env node
// Benchmark part "temporal-postgres": enrollments (runs started and completed per second) with the stack on a
// full Temporal server on PostgreSQL instead of the CLI dev server (which only stores to SQLite). The server
// and temporal-sql-tool are built from source with `go install` (lib/temporal-server.mjs, buildCommands);
// the schema goes into two fresh databases on DATABASE_URL's server, dropped afterwards.
// Usage: node scripts/bench/temporal-postgres.mjs [--out section.md]. Env: DATABASE_URL, BENCH_ENROLLMENTS (500), BENCH_RUNS (3).
import fs from 'node:fs';
import path from 'node:path';
import { ensureTemporalCli } from '../ensure-temporal.mjs';
import { measureEnrollments, publishEnrollPlaybook } from './lib/enrollments.mjs';
import { log, outFileArg, writeSection } from './lib/part-io.mjs';
import { maskedUrl, serverVersion } from './lib/postgres.mjs';
import { peakRssMb } from './lib/processes.mjs';
import { startStack } from './lib/stack.mjs';
import { fmt, summarize } from './lib/stats.mjs';
import { buildCommands, serverBuilt, startTemporalOnPostgres, TEMPORAL_SERVER_VERSION } from './lib/temporal-server.mjs';

const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 500);
const RUNS = Math.min(Number(process.env.BENCH_RUNS ?? 3), 3);
const say = (message) => log('temporal-postgres', message);
const heading = '### Enrollments on Temporal on PostgreSQL';

if (!process.env.DATABASE_URL) {
  writeSection(`${heading}\n**Skipped** — DATABASE_URL was not set (the PostgreSQL server to put Temporal's databases on).\n`);
  process.exit(0);
}
if (!serverBuilt()) {
  writeSection(`${heading}
**Not measured** — the Temporal server binary is not built in \`.tools/temporal-server/bin\`. The Temporal CLI dev server only
stores to SQLite, so this part runs a full Temporal server ${TEMPORAL_SERVER_VERSION} built from source. Build it once (Go ≥ 1.24; the Go
module proxy must be reachable; Go's build cache keeps what an interrupted build compiled), then re-run this part:
\`\`\`
${buildCommands.join('\n')}
\`\`\`
What was tried on 2026-11-23 (time-boxed to 20 minutes): \`go install go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}\` with Go 1.26
under \`nice -n 19\`. It is not refused — the server module has no \`replace\` directives (unlike the CLI's since v1.6.0), and every
module downloaded through the proxy — but it did not finish: after 20 minutes about 1,230 packages were compiled (none failed)
while 8 other sessions kept the 2 cores at a load average of about 25, and the build was stopped at the time box, before
the linker and before \`tools/sql\`. Nothing here fails for a reason other than time; \`scripts/bench/lib/temporal-server.mjs\`
(schema with temporal-sql-tool's embedded \`postgresql/v12\` schemas into two fresh databases, a one-process config on free
ports, the \`default\` namespace) has not yet run against a built server. \`docker-compose.yml\` runs Temporal on PostgreSQL
(temporalio/auto-setup) for users who have Docker.
`);
  process.exit(0);
}

const temporal = await startTemporalOnPostgres(process.env.DATABASE_URL, ensureTemporalCli({ log: say }), say);
let report;
try {
  const stack = await startStack({ flags: ['--no-temporal'], ports: { temporal: temporal.port } });
  try {
    await publishEnrollPlaybook(stack);
    await measureEnrollments(stack, 50, { tag: 'warm' }); // warm-up, not counted
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const x = await measureEnrollments(stack, ENROLLMENTS, { tag: `pg${r}` });
      say(`run ${r + 1}: ${fmt(ENROLLMENTS)} runs, started ${x.startedPerSecond.toFixed(1)}/s, completed ${x.completedPerSecond.toFixed(1)}/s`);
      runs.push(x);
    }
    report = { runs, rss: { ...stack.peakRss(), temporalMb: Math.round(peakRssMb(temporal.pid)) }, pgVersion: await serverVersion(process.env.DATABASE_URL) };
  } finally {
    await stack.stop();
  }
} finally {
  await temporal.stop();
}

const started = summarize(report.runs.map((x) => x.startedPerSecond));
const completed = summarize(report.runs.map((x) => x.completedPerSecond));
// The embedded server's figures from the runtime part of the same `npm run bench`, when it ran before this one.
const out = outFileArg();
const runtimeJson = out && path.join(path.dirname(out), 'runtime.json');
const embedded = runtimeJson && fs.existsSync(runtimeJson) ? JSON.parse(fs.readFileSync(runtimeJson, 'utf8')).enrollments : null;
const perSecond = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)} – ${s.max.toFixed(1)})`;
writeSection(`
${heading}
Command: \`node scripts/bench/temporal-postgres.mjs\` (\`DATABASE_URL\` set). The Temporal CLI dev server only stores to SQLite, so this part
runs a full Temporal server ${TEMPORAL_SERVER_VERSION} (the server version inside the CLI the dev server comes from), built from source:
\`\`\`
${buildCommands.join('\n')}
\`\`\`
The schema is set up with the embedded schemas of temporal-sql-tool (\`setup-schema -v 0.0\`, then \`update-schema --schema-name
postgresql/v12/temporal\` and \`postgresql/v12/visibility\`) in two fresh databases on PostgreSQL ${report.pgVersion} (\`${maskedUrl(process.env.DATABASE_URL)}\`),
dropped afterwards; one process runs all four services (4 history shards, SQL visibility), configured by
\`scripts/bench/lib/temporal-server.mjs\`; the \`default\` namespace is created with the Temporal CLI. The stack runs with
\`npm start --no-temporal\` against it. ${RUNS} runs of ${fmt(ENROLLMENTS)} trigger events each (batches of 500) after a warm-up of 50, the same
"single end step" playbook as on the dev server.

| runs/s | Temporal on PostgreSQL: median (min – max) |${embedded ? ' embedded dev server (runtime part, same bench): median | ratio PostgreSQL / dev server |' : ''}
|---|---|${embedded ? '---|---|' : ''}
| started | ${perSecond(started)} |${embedded ? ` ${embedded.started.median.toFixed(1)} | ${(started.median / embedded.started.median).toFixed(2)}× |` : ''}
| completed | ${perSecond(completed)} |${embedded ? ` ${embedded.completed.median.toFixed(1)} | ${(completed.median / embedded.completed.median).toFixed(2)}× |` : ''}

PostgreSQL shares the 2 cores with Temporal, the API and the worker here, so this is this machine's ceiling, not Temporal's.
Peak RSS over the part: API ${report.rss.apiMb} MB, worker ${report.rss.workerMb} MB, Temporal server ${report.rss.temporalMb} MB.
`);
