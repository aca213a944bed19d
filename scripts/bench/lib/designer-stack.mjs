// What the designer benchmark needs running: the built API on SQLite in a temporary folder (no Temporal:
// nothing is published, so nothing is dispatched) and the built designer served by `vite preview` in front of
// it, as `npm start` serves it (scripts/lib/stack.mjs). Needs a build (`npx nx run-many -t build`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts, sleep } from './processes.mjs';

/** Starts `command` and keeps the last of its output for the error message if it does not come up. */
function startProcess(name, args, options) {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { name, child, output: () => output };
}

async function waitForHttp(url, started, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${started.name} exited with ${started.child.exitCode}:\n${started.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(200);
  }
  throw new Error(`${started.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${started.output()}`);
}

async function stopProcess({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The API and the designer on free ports (`designerDist`: another build of the designer, to compare a change). Resolves `{ apiUrl, designerUrl, admin: { email, password }, stop() }`.
 * @param {string} root the repository root
 */
export async function startDesignerStack(root, { designerDist = path.join(root, 'designer/dist') } = {}) {
  for (const file of [path.join(root, 'backend/dist/main.js'), path.join(designerDist, 'index.html')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npx nx run-many -t build)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-bench-designer-'));
  const [apiPort, designerPort] = await freePorts(2);
  const admin = { email: 'bench@example.test', password: randomBytes(15).toString('base64url') };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const designerUrl = `http://127.0.0.1:${designerPort}`;
  const env = { ...process.env };
  delete env.DATABASE_URL; // the embedded default: SQLite

  const api = startProcess('the API', ['backend/dist/main.js'], {
    cwd: root,
    env: {
      ...env,
      TRIPLINE_DATA_DIR: dataDir,
      TRIPLINE_API_HOST: '127.0.0.1',
      TRIPLINE_API_PORT: String(apiPort),
      TRIPLINE_SECRET_KEY: randomBytes(32).toString('base64'),
      TRIPLINE_INTERNAL_TOKEN: randomBytes(24).toString('hex'),
      TRIPLINE_WRITE_KEY: randomBytes(16).toString('hex'),
      TRIPLINE_ADMIN_EMAIL: admin.email,
      TRIPLINE_ADMIN_PASSWORD: admin.password,
      TRIPLINE_DEFAULT_APPROVAL_POLICY: 'none',
      // Nothing is published, so nothing is dispatched: no Temporal server is needed.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    },
  });
  const designer = startProcess('the designer (vite preview)', [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', designerDist, '--port', String(designerPort), '--strictPort'], {
    cwd: path.join(root, 'designer'),
    env: { ...env, TRIPLINE_API_URL: apiUrl, TRIPLINE_DESIGNER_PORT: String(designerPort) },
  });
  const stop = async () => {
    await Promise.all([stopProcess(designer), stopProcess(api)]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForHttp(`${apiUrl}/readyz`, api), waitForHttp(`${designerUrl}/`, designer)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, designerUrl, admin, stop };
}

/** A GraphQL call that fails on any error. */
export async function graphql(apiUrl, query, variables = {}, token) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}
