#!/usr/bin/env node
// Benchmark part "baseline": the event → score → trigger → action journey two ways, in the same run on
// the same stack (Temporal dev server on SQLite, mail catcher):
// - Tripline: events through POST /v1/batch with a scoring model and a score-threshold playbook published;
//   ingest scores and matches in its transaction, one playbookRun per crossing sends the email via the worker;
// - naive: one Temporal workflow per event (scripts/bench/naive-baseline/: load the subject's score state,
//   apply the event with @tripline/scoring, evaluate the threshold with @tripline/scoring, send the same
//   email action), on its own task queue and worker.
// Measured: events/s until all events are processed and all actions done, and event → action latency.
// Usage: node scripts/bench/baseline.mjs [--out section.md]. Env: BENCH_RUNS (3), BENCH_BASELINE_PEOPLE (50),
// BENCH_BASELINE_EVENTS_PER_PERSON (10), BENCH_BASELINE_PROBES (40), BENCH_WARMUP=0 (no warm-up).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, writeSection } from './lib/part-io.mjs';
import { repoRoot, requireFromRoot } from './lib/paths.mjs';
import { peakRssMb, sleep } from './lib/processes.mjs';
import { epochOf, playbookOf, publishPlaybook, publishScoringModel, sendBatch, startStack } from './lib/stack.mjs';
import { fmt, percentile, summarize } from './lib/stats.mjs';

const Database = requireFromRoot('better-sqlite3');
const { Client, Connection } = requireFromRoot('@temporalio/client');

const RUNS = Math.min(Number(process.env.BENCH_RUNS ?? 3), 3);
const PEOPLE = Number(process.env.BENCH_BASELINE_PEOPLE ?? 50);
const PER_PERSON = Number(process.env.BENCH_BASELINE_EVENTS_PER_PERSON ?? 10);
const PROBES = Number(process.env.BENCH_BASELINE_PROBES ?? 40);
const PROBES_PER_SECOND = 4;
const WARM_UP = process.env.BENCH_WARMUP !== '0'; // the smoke test leaves it out
const BATCH = 100;
const CONNECTIONS = 4; // Tripline: concurrent /v1/batch requests
const STARTERS = 32; // naive: concurrent workflow starts (one per event)
const THRESHOLD = 50;
const NAIVE_QUEUE = 'naive-baseline';
const here = path.dirname(fileURLToPath(import.meta.url));
const say = (message) => log('baseline', message);

// Every event of the journey is worth 10 points; the 5th of a person crosses 50. A probe event alone crosses.
const model = (id) => ({
  schemaVersion: 1,
  id,
  version: 1,
  name: 'Bench journey',
  kind: 'events',
  rules: [
    { id: 'used', event: 'Bench Journey', points: 10, weight: 1 },
    { id: 'hot', event: 'Bench Hot', points: THRESHOLD + 10, weight: 1 },
  ],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers: [
    { name: 'Low', min: 0, max: 40 },
    { name: 'Medium', min: 41, max: 70 },
    { name: 'High', min: 71, max: 100 },
  ],
});

/** Person i's events, interleaved (every person's first event, then every second, …) as product usage arrives. */
function journeyEvents(tag, people = PEOPLE, perPerson = PER_PERSON) {
  const base = Date.now();
  const events = [];
  for (let k = 0; k < perPerson; k++) {
    for (let i = 0; i < people; i++) {
      events.push({ type: 'track', userId: `${tag}-p${i}`, event: 'Bench Journey', messageId: `${tag}-${i}-${k}`, timestamp: new Date(base + k * 1000 + i).toISOString(), properties: {} });
    }
  }
  return events;
}
/** The event that makes each person cross: their ceil(THRESHOLD / 10)-th. */
const crossingIndex = (i, people) => (Math.ceil(THRESHOLD / 10) - 1) * people + i;

async function startNaiveWorker(stack, modelId) {
  const child = spawn(process.execPath, [path.join(here, 'naive-baseline', 'worker.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      NAIVE_TASK_QUEUE: NAIVE_QUEUE,
      NAIVE_DB_FILE: path.join(stack.dataDir, 'naive-baseline.sqlite'),
      NAIVE_MODEL: JSON.stringify(model(modelId)),
      NAIVE_TRIGGER: JSON.stringify({ kind: 'scoreThreshold', model: modelId, threshold: THRESHOLD, direction: 'up' }),
      NAIVE_SMTP: JSON.stringify({ host: '127.0.0.1', port: stack.ports.smtp, from: 'Naive baseline <naive@bench.test>', ignoreTLS: true }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!output.includes('naive worker ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the naive worker did not start:\n${output.slice(-2000)}`);
    await sleep(200);
  }
  return {
    peakRssMb: () => Math.round(peakRssMb(child.pid)),
    async stop() {
      child.kill('SIGTERM');
      const until = Date.now() + 15_000;
      while (child.exitCode === null && Date.now() < until) await sleep(100);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

// ---- Tripline's path -------------------------------------------------------------------------------------

/** userId → when that person's run started its email step, for people `<tag>-…`, once `count` have one. */
async function triplineActionStarts(stack, tag, count, timeoutMs = 600_000) {
  const db = new Database(stack.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const query = db.prepare(
      `SELECT p.user_id AS user_id, MIN(s.started_at) AS started_at, MAX(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END) AS done
       FROM persons p JOIN runs r ON r.subject_id = p.id JOIN run_steps s ON s.run_id = r.id
       WHERE p.user_id LIKE ? AND s.kind = 'action' GROUP BY p.user_id`,
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = query.all(`${tag}-%`);
      if (rows.length >= count && rows.every((row) => row.done)) return { at: Date.now(), starts: new Map(rows.map((row) => [row.user_id, epochOf(row.started_at)])) };
      if (Date.now() > deadline) throw new Error(`Tripline: ${rows.length} of ${count} runs of ${tag} reached their email`);
      await sleep(100);
    }
  } finally {
    db.close();
  }
}

async function triplineJourney(stack, tag, events, people) {
  const bodies = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push({ from: i, body: JSON.stringify({ batch: events.slice(i, i + BATCH) }) });
  const acceptedAt = new Array(events.length);
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const { from, body } = bodies[next++];
        await sendBatch(stack.apiUrl, stack.writeKey, body);
        const at = Date.now();
        for (let j = from; j < Math.min(from + BATCH, events.length); j++) acceptedAt[j] = at;
      }
    }),
  );
  const { at: doneAt, starts } = await triplineActionStarts(stack, tag, people);
  const latencies = Array.from({ length: people }, (_, i) => starts.get(`${tag}-p${i}`) - acceptedAt[crossingIndex(i, people)]);
  return { eventsPerSecond: events.length / ((doneAt - t0) / 1000), seconds: (doneAt - t0) / 1000, latencies };
}

async function triplineProbes(stack, tag, count) {
  const accepted = new Map();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const userId = `${tag}-p${i}`;
    const event = { type: 'track', userId, event: 'Bench Hot', messageId: `${tag}-${i}`, timestamp: new Date().toISOString(), properties: {} };
    pending.push(sendBatch(stack.apiUrl, stack.writeKey, [event]).then(() => accepted.set(userId, Date.now())));
    await sleep(1000 / PROBES_PER_SECOND);
  }
  await Promise.all(pending);
  const { starts } = await triplineActionStarts(stack, tag, count);
  return [...accepted].map(([userId, at]) => starts.get(userId) - at);
}

// ---- The naive path --------------------------------------------------------------------------------------

const naiveEmail = (userId) => ({ to: `${userId}@naive.bench`, subject: 'Your score crossed 50', text: 'Benchmark journey.' });

async function startNaive(client, tag, event) {
  const handle = await client.workflow.start('naiveEventWorkflow', { taskQueue: NAIVE_QUEUE, workflowId: `naive-${tag}-${event.messageId}`, args: [{ event, email: naiveEmail(event.userId) }] });
  return { handle, acceptedAt: Date.now() };
}

async function naiveJourney(client, tag, events) {
  const started = new Array(events.length);
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: STARTERS }, async () => {
      while (next < events.length) {
        const index = next++;
        started[index] = await startNaive(client, tag, events[index]);
      }
    }),
  );
  const results = await Promise.all(started.map(({ handle }) => handle.result()));
  const doneAt = Date.now();
  const latencies = results.flatMap((result, index) => (result.fired ? [result.actionStartedAt - started[index].acceptedAt] : []));
  return { eventsPerSecond: events.length / ((doneAt - t0) / 1000), seconds: (doneAt - t0) / 1000, latencies, fired: latencies.length };
}

async function naiveProbes(client, tag, count) {
  const pending = [];
  for (let i = 0; i < count; i++) {
    const event = { type: 'track', userId: `${tag}-p${i}`, event: 'Bench Hot', messageId: `${tag}-${i}`, timestamp: new Date().toISOString(), properties: {} };
    pending.push(startNaive(client, tag, event).then(async ({ handle, acceptedAt }) => (await handle.result()).actionStartedAt - acceptedAt));
    await sleep(1000 / PROBES_PER_SECOND);
  }
  return Promise.all(pending);
}

async function mailCounts(stack) {
  const messages = await (await fetch(`http://127.0.0.1:${stack.ports.mailbox}/api/messages`)).json();
  const count = (domain) => messages.filter((m) => m.envelopeTo.some((to) => to.endsWith(`@${domain}`))).length;
  return { tripline: count('tripline.bench'), naive: count('naive.bench') };
}

// ---- The run -----------------------------------------------------------------------------------------------

const latencyOf = (xs) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });

// Emails at the engine's speed: the email connector's declared 10 sends/s would cap Tripline's path and not the naive one.
const stack = await startStack({ env: { TRIPLINE_EMAIL_RATE_PER_SECOND: '100000' } });
let naiveWorker;
let connection;
let report;
try {
  const modelId = await publishScoringModel(stack, 'Bench journey', model('bench-journey'));
  const email = { kind: 'action', connector: 'email', action: 'send', connection: 'default-email', input: { to: '{{ person.userId }}@tripline.bench', subject: 'Your score crossed 50', text: 'Benchmark journey.' } };
  await publishPlaybook(
    stack,
    'Bench journey',
    playbookOf('Bench journey', { kind: 'scoreThreshold', model: modelId, threshold: THRESHOLD, direction: 'up' }, 'send', { send: email, done: { kind: 'end' } }, [{ from: 'send', to: 'done' }]),
  );
  naiveWorker = await startNaiveWorker(stack, modelId);
  connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });

  const warmPeople = WARM_UP ? Math.min(10, PEOPLE) : 0;
  if (WARM_UP) {
    say('warm-up (not counted)');
    await triplineJourney(stack, 'tw', journeyEvents('tw', warmPeople), warmPeople);
    await naiveJourney(client, 'nw', journeyEvents('nw', warmPeople));
  }

  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    // The same events for both paths (people are new in each store); the order alternates between runs.
    const events = journeyEvents(`j${r}`);
    const measure = { tripline: () => triplineJourney(stack, `j${r}`, events, PEOPLE), naive: () => naiveJourney(client, `j${r}`, events) };
    const order = r % 2 === 0 ? ['tripline', 'naive'] : ['naive', 'tripline'];
    const run = {};
    for (const path of order) run[path] = await measure[path]();
    if (run.naive.fired !== PEOPLE) throw new Error(`naive: ${run.naive.fired} of ${PEOPLE} people fired`);
    runs.push(run);
    say(
      `run ${r + 1}: ${fmt(events.length)} events, ${PEOPLE} actions — Tripline ${fmt(run.tripline.eventsPerSecond)} events/s (${run.tripline.seconds.toFixed(1)} s), ` +
        `naive ${fmt(run.naive.eventsPerSecond)} events/s (${run.naive.seconds.toFixed(1)} s), ratio ${(run.tripline.eventsPerSecond / run.naive.eventsPerSecond).toFixed(1)}×`,
    );
  }

  say(`idle probes: ${PROBES} each, ${PROBES_PER_SECOND}/s`);
  const probeTripline = await triplineProbes(stack, 'ht', PROBES);
  const probeNaive = await naiveProbes(client, 'hn', PROBES);
  const mail = await mailCounts(stack);
  const expected = warmPeople + RUNS * PEOPLE + PROBES;
  if (mail.tripline !== expected || mail.naive !== expected) throw new Error(`emails received: Tripline ${mail.tripline}, naive ${mail.naive}, expected ${expected} each`);
  report = {
    runs,
    probes: { tripline: latencyOf(probeTripline), naive: latencyOf(probeNaive) },
    loaded: { tripline: latencyOf(runs.flatMap((r) => r.tripline.latencies)), naive: latencyOf(runs.flatMap((r) => r.naive.latencies)) },
    mail,
    expected,
    rss: { ...stack.peakRss(), naiveWorkerMb: naiveWorker.peakRssMb() },
  };
} finally {
  await connection?.close();
  await naiveWorker?.stop();
  await stack.stop();
}

const { runs, probes, loaded, mail, expected, rss } = report;
const rate = (path) => summarize(runs.map((r) => r[path].eventsPerSecond));
const ratios = summarize(runs.map((r) => r.tripline.eventsPerSecond / r.naive.eventsPerSecond));
const t = rate('tripline');
const n = rate('naive');
const latencyRow = (label, x) => `| ${label} | ${x.n} | ${fmt(x.p50)} ms | ${fmt(x.p95)} ms | ${fmt(x.p99)} ms |`;
say(`Tripline ${fmt(t.median)} events/s, naive ${fmt(n.median)} events/s, ratio ${ratios.median.toFixed(1)}×`);
writeSection(`
## Baseline for the ratio: Tripline vs one workflow per event
Command: \`node scripts/bench/baseline.mjs\`. One stack (Temporal dev server on SQLite, API, worker, mail catcher) and the naive
baseline's own worker (\`scripts/bench/naive-baseline/\`, task queue \`${NAIVE_QUEUE}\`) on the same Temporal server.
The journey: a scoring model (10 points per "Bench Journey" event, no decay) and a playbook "score crosses ${THRESHOLD} → send an
email → end". Each run: ${fmt(PEOPLE * PER_PERSON)} events (${PEOPLE} people × ${PER_PERSON}, interleaved), so ${PEOPLE} crossings and ${PEOPLE} emails; the same
events go through both paths, which run one after the other (order alternating between runs)${WARM_UP ? ', after a warm-up of each' : ''}.
- **Tripline**: batches of ${BATCH} through \`POST /v1/batch\` over ${CONNECTIONS} connections; ingest scores, matches the trigger and writes the
  outbox in its transaction; the dispatcher starts one \`playbookRun\` per crossing; the worker sends the email (ledger,
  suppression check, frequency cap, Liquid render). Done when every crossing's run has completed.
- **Naive**: one workflow per event, started by a client with ${STARTERS} starts in flight; its activities load the person's
  score state from a SQLite table, apply the event with \`@tripline/scoring\` and store it (one transaction), evaluate the
  threshold with \`@tripline/scoring\`'s \`evaluateTrigger\`, and, when it fires, call the email connector's \`send\` action
  (no ledger, suppression or caps: the naive path does less per action). Done when every workflow has completed.
- Both send to the same mail catcher; the email connector's declared rate (10/s) is lifted for this part so neither path
  waits on it. Emails received: Tripline ${mail.tripline}, naive ${mail.naive} (expected ${expected} each, warm-up and probes included).

| events/s until all events processed and all actions done | runs | median | min – max |
|---|---|---|---|
| Tripline (/v1/batch, one run per crossing) | ${t.runs} | ${fmt(t.median)} | ${fmt(t.min)} – ${fmt(t.max)} |
| naive (one workflow per event) | ${n.runs} | ${fmt(n.median)} | ${fmt(n.min)} – ${fmt(n.max)} |

**Ratio Tripline / naive (per run, same run): ${ratios.median.toFixed(1)}×** (min ${ratios.min.toFixed(1)}×, max ${ratios.max.toFixed(1)}×).
Temporal workflows per run: Tripline ${PEOPLE} (one per crossing), naive ${fmt(PEOPLE * PER_PERSON)} (one per event). Tripline's rate here is bounded by
its runs completing (compare the enrollments above), not by ingest; the naive path's by the Temporal server's work per event.

| event → action (email step started) | events | p50 | p95 | p99 |
|---|---|---|---|---|
${latencyRow('Tripline, idle probes (4/s)', probes.tripline)}
${latencyRow('naive, idle probes (4/s)', probes.naive)}
${latencyRow('Tripline, crossing events during the throughput runs', loaded.tripline)}
${latencyRow('naive, crossing events during the throughput runs', loaded.naive)}

Tripline's latency counts from the 2xx of the batch holding the crossing event; the naive one from the return of the
workflow start (its "event accepted"). Peak RSS over the part: API ${rss.apiMb} MB, Tripline worker ${rss.workerMb} MB, naive worker ${rss.naiveWorkerMb} MB.
`);
