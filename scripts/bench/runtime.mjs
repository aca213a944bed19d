#!/usr/bin/env node
// The runtime benchmark (issue 4): the whole local stack (`npm start` on free ports: Temporal dev server on
// SQLite, API, worker, mail catcher), measuring
// - event → first action: from the 2xx of a trigger event to its run's first action step starting
//   (the step's recorded start), p50/p95/p99, at idle and under a background load of ingest;
// - enrollments: trigger events in, runs started and completed per second, on the embedded dev server.
// Prints a JSON summary on the last line (scripts/bench.mjs writes it into docs/benchmarks.md).
// Needs a build (`npx nx run-many -t build`). Options (env): BENCH_PROBES (per phase, default 100),
// BENCH_LOAD_EVENTS_PER_SECOND (default 1000), BENCH_ENROLLMENTS (default 1000).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const Database = require('better-sqlite3');

const PROBES = Number(process.env.BENCH_PROBES ?? 100);
const PROBES_PER_SECOND = 4;
const LOAD_PER_SECOND = Number(process.env.BENCH_LOAD_EVENTS_PER_SECOND ?? 1000);
const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 1000);
const WRITE_KEY = randomBytes(16).toString('hex');
const ADMIN_PASSWORD = randomBytes(15).toString('base64url');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function startStack() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-runtime-'));
  const ports = { api: await freePort(), designer: await freePort(), temporal: await freePort(), temporalUi: await freePort(), smtp: await freePort(), mailbox: await freePort() };
  const env = {
    ...process.env,
    TRIPLINE_DATA_DIR: dataDir,
    TRIPLINE_API_PORT: String(ports.api),
    TRIPLINE_DESIGNER_PORT: String(ports.designer),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
    TRIPLINE_SMTP_PORT: String(ports.smtp),
    TRIPLINE_MAILBOX_PORT: String(ports.mailbox),
    TRIPLINE_WRITE_KEY: WRITE_KEY,
    TRIPLINE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The benchmark publishes as the admin alone: no approval policy.
    TRIPLINE_DEFAULT_APPROVAL_POLICY: 'none',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['scripts/start.mjs', '--skip-install', '--skip-build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Tripline is ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the stack did not start:\n${output.slice(-3000)}`);
    await sleep(250);
  }
  return {
    apiUrl: `http://127.0.0.1:${ports.api}`,
    dataDir,
    pids: () => findPids(child.pid),
    async stop() {
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {}
      const until = Date.now() + 30_000;
      while (child.exitCode === null && Date.now() < until) await sleep(200);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The API's and the worker's pids (children of the supervisor), for their peak RSS. */
function findPids(rootPid) {
  const found = {};
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!status.includes(`PPid:\t${rootPid}`) && !cmdline.includes('tripline')) continue;
      if (cmdline.includes('backend/dist/main.js')) found.api = Number(pid);
      if (cmdline.includes('workflow-workers/dist/main.js')) found.worker = Number(pid);
    } catch {}
  }
  return found;
}

const peakRssMb = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

async function gql(apiUrl, query, variables, token) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

async function publish(apiUrl, token, name, definition) {
  const created = await gql(apiUrl, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name, definition } }, token);
  await gql(apiUrl, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: created.createPlaybook.id }, token);
  return created.createPlaybook.id;
}

const playbookOf = (name, event, start, nodes, edges) => ({
  schemaVersion: 1,
  id: name.toLowerCase().replace(/\W+/g, '-'),
  version: 0,
  name,
  trigger: { kind: 'event', event },
  enrollment: { subject: 'person', reenroll: 'always' },
  start,
  nodes,
  edges,
});

const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
async function sendBatch(apiUrl, batch) {
  const response = await fetch(`${apiUrl}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

let sequence = 0;
/** Background ingest: batches of 100 non-trigger events, paced to `perSecond`, until stopped. */
function backgroundLoad(apiUrl, perSecond) {
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
      await sendBatch(apiUrl, batch);
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
async function sendProbes(apiUrl, phase, count) {
  const acceptedAt = new Map();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const probe = `${phase}-${i}`;
    pending.push(
      sendBatch(apiUrl, [{ type: 'track', userId: `probe-${probe}`, event: 'Bench Probe', messageId: `probe-${probe}`, properties: { probe } }]).then(() => acceptedAt.set(probe, Date.now())),
    );
    await sleep(1000 / PROBES_PER_SECOND);
  }
  await Promise.all(pending);
  return acceptedAt;
}

const epochOf = (text) => Date.parse(`${String(text).replace(' ', 'T')}Z`);

/** Probe id → when its run's first action step started, once all are there. */
async function actionStarts(dataDir, probes, timeoutMs = 180_000) {
  const db = new Database(path.join(dataDir, 'tripline.sqlite'), { readonly: true, fileMustExist: true });
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
  const load = withLoad ? backgroundLoad(stack.apiUrl, LOAD_PER_SECOND) : null;
  if (load) await sleep(3000); // let the load settle
  const accepted = await sendProbes(stack.apiUrl, phase, PROBES);
  const loadRate = load ? await load.stop() : 0;
  const started = await actionStarts(stack.dataDir, accepted);
  const latencies = [...accepted].map(([probe, at]) => started.get(probe) - at);
  return { phase, probes: latencies.length, loadEventsPerSecond: Math.round(loadRate), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: Math.max(...latencies) };
}

async function enrollmentPhase(stack) {
  const db = new Database(path.join(stack.dataDir, 'tripline.sqlite'), { readonly: true, fileMustExist: true });
  const counts = db.prepare(
    `SELECT COUNT(*) AS started, SUM(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END) AS completed FROM runs r JOIN persons p ON r.subject_id = p.id WHERE p.user_id LIKE 'enroll-%'`,
  );
  const t0 = Date.now();
  for (let i = 0; i < ENROLLMENTS; i += 500) {
    await sendBatch(stack.apiUrl, Array.from({ length: Math.min(500, ENROLLMENTS - i) }, (_, j) => ({ type: 'track', userId: `enroll-${i + j}`, event: 'Bench Enroll', messageId: `enroll-${i + j}` })));
  }
  const ingested = Date.now();
  let allStartedAt = 0;
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { started, completed } = counts.get();
    if (!allStartedAt && started >= ENROLLMENTS) allStartedAt = Date.now();
    if (completed >= ENROLLMENTS) break;
    if (Date.now() > deadline) throw new Error(`enrollments: ${completed} of ${ENROLLMENTS} completed after 10 minutes`);
    await sleep(200);
  }
  const done = Date.now();
  db.close();
  return {
    enrollments: ENROLLMENTS,
    ingestSeconds: (ingested - t0) / 1000,
    startedPerSecond: ENROLLMENTS / ((allStartedAt - t0) / 1000),
    completedPerSecond: ENROLLMENTS / ((done - t0) / 1000),
  };
}

const stack = await startStack();
try {
  const login = await gql(stack.apiUrl, `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email: 'admin@tripline.local', password: ADMIN_PASSWORD });
  const token = login.login.token;
  const email = { kind: 'action', connector: 'email', action: 'send', connection: 'default-email', input: { to: '{{ event.properties.probe }}@bench.test', subject: 'Probe {{ event.properties.probe }}', text: 'Benchmark probe.' } };
  await publish(stack.apiUrl, token, 'Bench probe', playbookOf('Bench probe', 'Bench Probe', 'send', { send: email, done: { kind: 'end' } }, [{ from: 'send', to: 'done' }]));
  await publish(stack.apiUrl, token, 'Bench enroll', playbookOf('Bench enroll', 'Bench Enroll', 'done', { done: { kind: 'end' } }, []));
  // Warm-up, not counted: the first runs find the worker's connector queues and caches cold.
  await actionStarts(stack.dataDir, await sendProbes(stack.apiUrl, 'warm', 8));
  const idle = await latencyPhase(stack, 'idle', false);
  console.log(`event → first action, idle: p50 ${idle.p50} ms, p95 ${idle.p95} ms, p99 ${idle.p99} ms (${idle.probes} probes)`);
  const loaded = await latencyPhase(stack, 'load', true);
  console.log(`event → first action, ${loaded.loadEventsPerSecond} events/s background: p50 ${loaded.p50} ms, p95 ${loaded.p95} ms, p99 ${loaded.p99} ms (${loaded.probes} probes)`);
  const enrollments = await enrollmentPhase(stack);
  console.log(`enrollments: ${enrollments.enrollments} runs, started ${enrollments.startedPerSecond.toFixed(1)}/s, completed ${enrollments.completedPerSecond.toFixed(1)}/s`);
  const pids = stack.pids();
  const rss = { apiMb: Math.round(peakRssMb(pids.api)), workerMb: Math.round(peakRssMb(pids.worker)) };
  console.log(JSON.stringify({ idle, loaded, enrollments, rss }));
} finally {
  await stack.stop();
}
