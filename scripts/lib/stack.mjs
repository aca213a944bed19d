// The local stack: which processes `npm start` runs, how each one is started and how we know it is ready.
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from './console.mjs';
import { loadDevSecrets, secretsAsEnv } from './dev-secrets.mjs';
import { assertPortsFree, httpStatus, isTcpOpen, sleep } from './ports.mjs';
import { fromRoot } from './repo-root.mjs';
import { PORT_SETTINGS } from './stack-config.mjs';
import { Supervisor } from './supervisor.mjs';
import { searchAttributeArgs } from './search-attributes.mjs';
import { recentPollers } from './worker-polling.mjs';

const READY_TIMEOUT_MS = 180_000; // first start: API migrations, worker bundling its workflow code
const POLL_INTERVAL_MS = 500;

/** Exit code of a short command (used to ask the Temporal CLI whether the namespace exists). */
function exitCodeOf(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

/** The five processes, in start order, each with its readiness probe. */
export function stackProcesses(config, { temporalCli, secrets, env = process.env, temporalSearchAttributes = [] }) {
  const { ports, dataDir, namespace, taskQueue } = config;
  const loopback = '127.0.0.1';
  const temporalAddress = `${loopback}:${ports.temporal}`;
  const node = process.execPath;
  const shared = {
    ...env,
    TRIPLINE_DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TRIPLINE_TASK_QUEUE: taskQueue,
    TRIPLINE_INTERNAL_TOKEN: secrets.internalToken,
  };
  const temporalArgs = ['server', 'start-dev', '--db-filename', path.join(dataDir, 'temporal.db')];
  temporalArgs.push('--ip', loopback, '--port', String(ports.temporal), '--ui-port', String(ports.temporalUi));
  temporalArgs.push('--namespace', namespace, '--log-level', 'warn');
  // Registered at every start (idempotent), so runs can be filtered by playbook, subject and status.
  temporalArgs.push(...temporalSearchAttributes);

  return [
    {
      name: 'temporal',
      stage: 1,
      command: temporalCli,
      args: temporalArgs,
      cwd: dataDir,
      env: shared,
      ready: async () =>
        (await isTcpOpen(ports.temporal)) &&
        (await exitCodeOf(temporalCli, ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', temporalAddress])) === 0 &&
        (await httpStatus(`http://${loopback}:${ports.temporalUi}/`)) === 200,
    },
    {
      name: 'mail',
      stage: 1,
      command: node,
      args: [fromRoot('connectors/email/dist/mail-catcher/main.js')],
      env: { ...shared, TRIPLINE_SMTP_PORT: String(ports.smtp), TRIPLINE_MAILBOX_PORT: String(ports.mailbox) },
      ready: async () => (await isTcpOpen(ports.smtp)) && (await httpStatus(`http://${loopback}:${ports.mailbox}/`)) === 200,
    },
    {
      name: 'api',
      stage: 2,
      command: node,
      args: [fromRoot('backend/dist/main.js')],
      cwd: fromRoot('backend'),
      env: {
        ...shared,
        ...secretsAsEnv(secrets),
        TRIPLINE_API_PORT: String(ports.api),
        TRIPLINE_API_HOST: config.apiHost,
        TRIPLINE_ADMIN_EMAIL: config.adminEmail,
        TRIPLINE_DEFAULT_SMTP_URL: env.TRIPLINE_DEFAULT_SMTP_URL || `smtp://${loopback}:${ports.smtp}`,
        TRIPLINE_TEMPORAL_UI_URL: env.TRIPLINE_TEMPORAL_UI_URL || `http://localhost:${ports.temporalUi}`,
        // Links in approval emails open the designer.
        TRIPLINE_DESIGNER_URL: env.TRIPLINE_DESIGNER_URL || `http://localhost:${ports.designer}`,
        // A local stack starts with one person: publishing needs no second approver until the workspace stores a
        // policy (updateApprovalPolicy) or this is set to "approver" (the API's own default, e.g. in docker-compose).
        TRIPLINE_DEFAULT_APPROVAL_POLICY: env.TRIPLINE_DEFAULT_APPROVAL_POLICY || 'none',
      },
      ready: async () => (await httpStatus(`http://${loopback}:${ports.api}/readyz`)) === 200,
    },
    {
      name: 'worker',
      stage: 2,
      command: node,
      args: [fromRoot('workflow-workers/dist/main.js')],
      cwd: fromRoot('workflow-workers'),
      env: { ...shared, TRIPLINE_API_URL: `http://${loopback}:${ports.api}` },
      ready: async () => {
        try {
          return (await recentPollers({ address: temporalAddress, namespace, taskQueue })).length > 0;
        } catch {
          return false;
        }
      },
    },
    {
      name: 'designer',
      stage: 2,
      command: node,
      // Binds 127.0.0.1 unless TRIPLINE_DESIGNER_HOST says otherwise (designer/vite.config.ts).
      args: [fromRoot('node_modules/vite/bin/vite.js'), 'preview', '--port', String(ports.designer), '--strictPort'],
      cwd: fromRoot('designer'),
      env: { ...shared, TRIPLINE_API_URL: `http://${loopback}:${ports.api}`, TRIPLINE_DESIGNER_PORT: String(ports.designer) },
      ready: async () => (await httpStatus(`http://${loopback}:${ports.designer}/`)) === 200,
    },
  ];
}

// The ports each process binds (a process left out with `without` leaves its ports to whoever runs it).
const PORTS_OF = { temporal: ['temporal', 'temporalUi'], mail: ['smtp', 'mailbox'], api: ['api'], worker: [], designer: ['designer'] };

/** Fails naming every port of the stack that is taken, and the variable that moves it. */
export function assertStackPortsFree(config, without = []) {
  const skipped = new Set(without.flatMap((name) => PORTS_OF[name] ?? []));
  return assertPortsFree(
    Object.entries(PORT_SETTINGS)
      .filter(([name]) => !skipped.has(name))
      .map(([name, setting]) => ({ ...setting, port: config.ports[name] })),
  );
}

/** Resolves when `probe` says ready; rejects when the child exits first or time runs out. */
async function waitUntilReady(child, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (child.running) {
    if (await probe()) return;
    if (Date.now() > deadline) {
      throw new StackFailure(child, `${child.name} was not ready after ${Math.round(timeoutMs / 1000)} s`);
    }
    await Promise.race([sleep(POLL_INTERVAL_MS), child.exited]);
  }
  throw new StackFailure(child, `${child.name} ${child.describeExit()} while starting`);
}

/** A child that died or never became ready; carries its last log lines for the report. */
export class StackFailure extends Error {
  constructor(child, message) {
    super(message);
    this.child = child;
  }
}

/**
 * Starts the whole stack (but the processes named in `without`) and resolves once every process is ready:
 * `{ supervisor, secrets, processes }`. Any child that exits later calls `onUnexpectedExit(child)`.
 * On failure during start-up every started child is stopped before the promise rejects.
 */
export async function startStack(config, { temporalCli, onUnexpectedExit, env = process.env, supervisor, without = [] }) {
  await assertStackPortsFree(config, without);
  mkdirSync(config.dataDir, { recursive: true });
  const secrets = loadDevSecrets(config.dataDir, env);
  const processes = stackProcesses(config, { temporalCli, secrets: secrets.values, env, temporalSearchAttributes: searchAttributeArgs() }).filter(
    (definition) => !without.includes(definition.name),
  );

  const owned = supervisor ?? new Supervisor();
  let started = false;
  let abortStartup;
  const startupAborted = new Promise((_, reject) => (abortStartup = reject));
  startupAborted.catch(() => {}); // only observed through the race below
  owned.onUnexpectedExit = (child) => {
    if (started) onUnexpectedExit?.(child);
    else abortStartup(new StackFailure(child, `${child.name} ${child.describeExit()} while the stack was starting`));
  };
  try {
    for (const stage of [1, 2]) {
      const starting = processes
        .filter((definition) => definition.stage === stage)
        .map((definition) => waitUntilReady(owned.start(definition), definition.ready, READY_TIMEOUT_MS));
      await Promise.race([Promise.all(starting), startupAborted]);
    }
    started = true;
  } catch (error) {
    await owned.stopAll();
    throw error;
  }
  return { supervisor: owned, secrets, processes };
}

/** The files the processes are started from; missing ones mean the build did not run. */
export function assertBuilt(config) {
  const missing = stackProcesses(config, { temporalCli: 'temporal', secrets: {} })
    .filter((definition) => definition.command === process.execPath)
    .map((definition) => definition.args[0])
    .concat(fromRoot('designer/dist/index.html'))
    .filter((file) => !isFile(file));
  if (missing.length > 0) {
    throw new UserFacingError(
      `Not built yet: ${missing.map((file) => path.relative(fromRoot(), file)).join(', ')}. Run \`npm run build\` (or \`npm start\` without --skip-build).`,
    );
  }
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
