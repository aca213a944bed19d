import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalStack, REPO_ROOT } from './local-stack';
import { waitFor } from './wait-for';

/**
 * The built worker (`workflow-workers/dist/main.js`) as a child of the test, configured as `npm start`
 * configures it, for a stack started with `{ withoutWorker: true }`: the test owns its pid and can
 * SIGKILL it.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  private output = '';
  private exit?: Promise<void>;

  constructor(private readonly stack: LocalStack) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }
  get log(): string {
    return this.output;
  }

  /** Starts it and resolves once it polls the playbook task queue. */
  async start(timeoutMs = 120_000): Promise<void> {
    const secrets = JSON.parse(fs.readFileSync(path.join(this.stack.settings.dataDir, 'dev-secrets.json'), 'utf8')) as { internalToken?: string };
    const internalToken = process.env.TRIPLINE_INTERNAL_TOKEN || secrets.internalToken;
    if (!internalToken) throw new Error('No internal token: the stack must have started (it writes dev-secrets.json)');
    this.output = '';
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'workflow-workers/dist/main.js')], {
      cwd: path.join(REPO_ROOT, 'workflow-workers'),
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: this.stack.temporalAddress,
        TRIPLINE_API_URL: this.stack.apiUrl,
        TRIPLINE_INTERNAL_TOKEN: internalToken,
        TRIPLINE_DATA_DIR: this.stack.settings.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    await waitFor(
      'the worker to poll its task queue',
      () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker exited:\n${this.output.slice(-3000)}`);
        return this.output.includes('worker: polling task queue');
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** SIGKILL: no shutdown, tasks in hand are simply lost, as when a machine dies. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM and wait (cleanup). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exit;
    clearTimeout(timer);
  }
}
