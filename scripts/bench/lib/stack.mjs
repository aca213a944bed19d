// The whole local stack for a benchmark part: `npm start` (scripts/start.mjs) on free ports with a fresh
// data folder, plus the GraphQL and ingest calls the parts make against it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts, peakRssMb, sleep, stackPids } from './processes.mjs';
import { repoRoot } from './paths.mjs';

/**
 * Starts the stack on SQLite (DATABASE_URL removed) and resolves once it is ready.
 * `flags`: extra start.mjs flags (e.g. `--no-temporal` with `ports.temporal` given: a server run by the caller).
 */
export async function startStack({ env: extraEnv = {}, flags = [], ports: givenPorts = {} } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-stack-'));
  const [api, designer, temporal, temporalUi, smtp, mailbox] = await freePorts(6);
  const ports = { api, designer, temporal, temporalUi, smtp, mailbox, ...givenPorts };
  const writeKey = randomBytes(16).toString('hex');
  const adminPassword = randomBytes(15).toString('base64url');
  const env = {
    ...process.env,
    TRIPLINE_DATA_DIR: dataDir,
    TRIPLINE_API_PORT: String(ports.api),
    TRIPLINE_DESIGNER_PORT: String(ports.designer),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
    TRIPLINE_SMTP_PORT: String(ports.smtp),
    TRIPLINE_MAILBOX_PORT: String(ports.mailbox),
    TRIPLINE_WRITE_KEY: writeKey,
    TRIPLINE_ADMIN_PASSWORD: adminPassword,
    // The benchmark publishes as the admin alone: no approval policy.
    TRIPLINE_DEFAULT_APPROVAL_POLICY: 'none',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['scripts/start.mjs', '--skip-install', '--skip-build', ...flags], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Tripline is ready')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      throw new Error(`the stack did not start:\n${output.slice(-3000)}`);
    }
    await sleep(250);
  }
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const token = (await gql(apiUrl, `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email: 'admin@tripline.local', password: adminPassword })).login.token;
  return {
    apiUrl,
    dataDir,
    ports,
    token,
    writeKey,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    sqliteFile: path.join(dataDir, 'tripline.sqlite'),
    /** Peak RSS (MB) of the API and the worker so far; call before stop(). */
    peakRss() {
      const pids = stackPids(child.pid);
      return { apiMb: Math.round(peakRssMb(pids.api)), workerMb: Math.round(peakRssMb(pids.worker)) };
    },
    async stop() {
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {}
      const until = Date.now() + 30_000;
      while (child.exitCode === null && Date.now() < until) await sleep(200);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function gql(apiUrl, query, variables, token) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** Creates and publishes a playbook; returns its id. */
export async function publishPlaybook(stack, name, definition) {
  const created = await gql(stack.apiUrl, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name, definition } }, stack.token);
  await gql(stack.apiUrl, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: created.createPlaybook.id }, stack.token);
  return created.createPlaybook.id;
}

/** Creates and publishes a scoring model; returns its id (what score triggers name). */
export async function publishScoringModel(stack, name, definition) {
  const created = await gql(stack.apiUrl, `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { id } }`, { input: { name, definition } }, stack.token);
  await gql(stack.apiUrl, `mutation($id: ID!) { publishScoringModel(id: $id) { version } }`, { id: created.createScoringModel.id }, stack.token);
  return created.createScoringModel.id;
}

/** A one-path playbook definition around `trigger`. */
export const playbookOf = (name, trigger, start, nodes, edges, reenroll = 'always') => ({
  schemaVersion: 1,
  id: name.toLowerCase().replace(/\W+/g, '-'),
  version: 0,
  name,
  trigger,
  enrollment: { subject: 'person', reenroll },
  start,
  nodes,
  edges,
});

/** POST /v1/batch with the stack's write key; resolves once the 2xx body is read. */
export async function sendBatch(apiUrl, writeKey, batch) {
  const response = await fetch(`${apiUrl}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: typeof batch === 'string' ? batch : JSON.stringify({ batch }),
  });
  if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** "2026-11-23 06:40:01.123" (SQLite's datetime text, UTC) → epoch ms. */
export const epochOf = (text) => (text instanceof Date ? text.getTime() : Date.parse(`${String(text).replace(' ', 'T')}Z`));
