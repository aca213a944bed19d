#!/usr/bin/env node
// Benchmark part "runtime" (issue 4): the whole local stack (`npm start` on free ports: Temporal dev server on
// SQLite, API, worker, mail catcher), measuring
// - event → first action: from the 2xx of a trigger event to its run's first action step starting
//   (the step's recorded start), p50/p95/p99, at idle and under a background load of ingest;
// - enrollments: trigger events in, runs started and completed per second, on the embedded dev server.
// Usage: node scripts/bench/runtime.mjs [--out section.md]. Needs a build. Env: BENCH_PROBES (per phase,
// default 100), BENCH_LOAD_EVENTS_PER_SECOND (1000), BENCH_ENROLLMENTS (500), BENCH_RUNS (3 enrollment runs).
import fs from 'node:fs';
import { measureEnrollments, publishEnrollPlaybook } from './lib/enrollments.mjs';
import { log, outFileArg, writeSection } from './lib/part-io.mjs';
import { requireFromRoot } from './lib/paths.mjs';
import { sleep } from './lib/processes.mjs';
import { epochOf, playbookOf, publishPlaybook, sendBatch, startStack } from './lib/stack.mjs';
import { fmt, percentile, summarize } from './lib/stats.mjs';

const Database = requireFromRoot('better-sqlite3');
const PROBES = Number(process.env.BENCH_PROBES ?? 100);
const PROBES_PER_SECOND = 4;
const LOAD_PER_SECOND = Number(process.env.BENCH_LOAD_EVENTS_PER_SECOND ?? 1000);
const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 500);
const ENROLLMENT_RUNS = Math.min(Number(process.env.BENCH_RUNS ?? 3), 3);
const say = (message) => log('runtime', message);

let sequence = 0;
/** Background ingest: batches of 100 non-trigger events, paced to `perSecond`, until stopped. */
function backgroundLoad(stack, perSecond) {
  let running = true;
  let sent = 0;
  const started = Date.now();
  const loop = (async () => {
    while (running) {
      const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
      if (sent >= due) {
        await sleep(5);
        continue;
      }
      const batch = Array.from({ length: 100 }, () => {
        const n = sequence++;
        return { type: 'track', userId: `load-${n % 2000}`, event: ['Feature Used', 'Pricing Page Viewed', 'Session Ended'][n % 3], messageId: `load-${n}`, properties: { core: n % 2 === 0 } };
      });
      sent += batch.length;
      await sendBatch(stack.apiUrl, stack.writeKey, batch);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return sent / ((Date.now() - started) / 1000);
    },
  };
}

/** Sends `count` probe events (one trigger event each), paced; returns probe id → time of the 2xx. */
async function sendProbes(stack, phase, count) {
  const acceptedAt = new Map();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const probe = `${phase}-${i}`;
    pending.push(
      sendBatch(stack.apiUrl, stack.writeKey, [{ type: 'track', userId: `probe-${probe}`, event: 'Bench Probe', messageId: `probe-${probe}`, properties: { probe } }]).then(() =>
        acceptedAt.set(probe, Date.now()),
      ),
    );
    await sleep(1000 / PROBES_PER_SECOND);
  }
  await Promise.all(pending);
  return acceptedAt;
}

/** Probe id → when its run's first action step started, once all are there. */
async function actionStarts(stack, probes, timeoutMs = 180_000) {
  const db = new Database(stack.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const query = db.prepare(
      `SELECT p.user_id AS user_id, MIN(s.started_at) AS started_at FROM persons p JOIN runs r ON r.subject_id = p.id JOIN run_steps s ON s.run_id = r.id
       WHERE p.user_id LIKE 'probe-%' AND s.kind = 'action' GROUP BY p.user_id`,
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = new Map(query.all().map((row) => [row.user_id.slice('probe-'.length), epochOf(row.started_at)]));
      if ([...probes.keys()].every((probe) => rows.has(probe))) return rows;
      if (Date.now() > deadline) throw new Error(`only ${[...probes.keys()].filter((p) => rows.has(p)).length} of ${probes.size} probe runs reached their action`);
      await sleep(500);
    }
  } finally {
    db.close();
  }
}

async function latencyPhase(stack, phase, withLoad) {
  const load = withLoad ? backgroundLoad(stack, LOAD_PER_SECOND) : null;
  if (load) await sleep(3000); // let the load settle
  const accepted = await sendProbes(stack, phase, PROBES);
  const loadRate = load ? await load.stop() : 0;
  const started = await actionStarts(stack, accepted);
  const latencies = [...accepted].map(([probe, at]) => started.get(probe) - at);
  return { phase, probes: latencies.length, loadEventsPerSecond: Math.round(loadRate), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: Math.max(...latencies) };
}

const stack = await startStack();
let result;
try {
  const email = { kind: 'action', connector: 'email', action: 'send', connection: 'default-email', input: { to: '{{ event.properties.probe }}@bench.test', subject: 'Probe {{ event.properties.probe }}', text: 'Benchmark probe.' } };
  await publishPlaybook(stack, 'Bench probe', playbookOf('Bench probe', { kind: 'event', event: 'Bench Probe' }, 'send', { send: email, done: { kind: 'end' } }, [{ from: 'send', to: 'done' }]));
  await publishEnrollPlaybook(stack);
  // Warm-up, not counted: the first runs find the worker's connector queues and caches cold.
  await actionStarts(stack, await sendProbes(stack, 'warm', 8));
  const idle = await latencyPhase(stack, 'idle', false);
  say(`event → first action, idle: p50 ${idle.p50} ms, p95 ${idle.p95} ms, p99 ${idle.p99} ms (${idle.probes} probes)`);
  const loaded = await latencyPhase(stack, 'load', true);
  say(`event → first action, ${loaded.loadEventsPerSecond} events/s background: p50 ${loaded.p50} ms, p95 ${loaded.p95} ms, p99 ${loaded.p99} ms (${loaded.probes} probes)`);
  const enrollmentRuns = [];
  for (let r = 0; r < ENROLLMENT_RUNS; r++) {
    const x = await measureEnrollments(stack, ENROLLMENTS, { tag: `r${r}` });
    enrollmentRuns.push(x);
    say(`enrollments run ${r + 1}: ${fmt(ENROLLMENTS)} runs, started ${x.startedPerSecond.toFixed(1)}/s, completed ${x.completedPerSecond.toFixed(1)}/s`);
  }
  result = { idle, loaded, enrollmentRuns, rss: stack.peakRss() };
} finally {
  await stack.stop();
}

const { idle, loaded, enrollmentRuns, rss } = result;
const row = (label, x) => `| ${label} | ${x.probes} | ${x.p50} ms | ${x.p95} ms | ${x.p99} ms |`;
const started = summarize(enrollmentRuns.map((x) => x.startedPerSecond));
const completed = summarize(enrollmentRuns.map((x) => x.completedPerSecond));
const perSecond = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)} – ${s.max.toFixed(1)})`;
writeSection(`
## Runtime (the whole stack: Temporal dev server on SQLite, API, worker, mail catcher)
Command: \`node scripts/bench/runtime.mjs\` (also \`npm run bench:runtime\`). A playbook "event → email → end"; each probe is
one trigger event, timed from its 2xx to the start of its run's email step (as the worker recorded it); ${PROBES_PER_SECOND} probes
a second, after 8 warm-up probes that are not counted.

| event → first action | probes | p50 | p95 | p99 |
|---|---|---|---|---|
${row('idle', idle)}
${row(`${fmt(loaded.loadEventsPerSecond)} events/s background ingest`, loaded)}

Target (issue 4): p99 ≤ 1 s at 1,000 events/s background load — ${loaded.p99 <= 1000 ? 'met' : '**not met**'} in this run${loaded.loadEventsPerSecond < 0.9 * LOAD_PER_SECOND ? ` (the background load reached only ${fmt(loaded.loadEventsPerSecond)} of the ${fmt(LOAD_PER_SECOND)} events/s asked for: ingest was saturated)` : ''}.${
  loaded.p99 <= 1000
    ? ''
    : ` What limits it: ${
        idle.p99 > 1000
          ? 'the idle p99 is above 1 s too, so in this run the machine was the limit: with the 2 cores saturated, every hop (ingest commit, outbox dispatch, the dev server\'s SQLite, workflow and activity tasks) waited for CPU; beyond that, '
          : ''
      }under load the probe waits behind the background batches in the ingest queue (one SQLite writer) and the outbox dispatcher shares the API's thread with ingest. What would close the gap: the dispatcher in a worker thread of its own, and trigger-bearing batches committed ahead of bulk ones.`
}

### Enrollments on the embedded dev server (Temporal CLI, SQLite)
${enrollmentRuns.length} runs of ${fmt(ENROLLMENTS)} trigger events each (batches of 500), a playbook whose run is a single end step;
from the first event sent to the last run started / completed.

| runs/s | median (min – max) |
|---|---|
| started | ${perSecond(started)} |
| completed | ${perSecond(completed)} |

This is the ceiling of this machine with everything on it (Temporal, API, worker on 2 cores).
Peak RSS over the whole part: API ${rss.apiMb} MB, worker ${rss.workerMb} MB.
`);
// Beside the section, for the temporal-postgres part's ratio (same bench run).
if (outFileArg()) fs.writeFileSync(outFileArg().replace(/\.md$/, '.json'), JSON.stringify({ enrollments: { started, completed } }));
