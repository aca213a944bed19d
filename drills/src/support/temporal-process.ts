import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { searchAttributeCliArgs } from '@tripline/playbook';
import { REPO_ROOT } from '../../../e2e/test/support/local-stack';
import { waitFor } from '../../../e2e/test/support/wait-for';

/** TEMPORAL_CLI_PATH (npm test and npm run drills set it), else the project's tools folder, else PATH. */
export function temporalCli(): string {
  const candidates = [process.env.TEMPORAL_CLI_PATH, path.join(REPO_ROOT, '.tools/temporal/bin/temporal'), path.join(REPO_ROOT, '.tools/go-bin/temporal')];
  const found = candidates.find((file) => file && fs.existsSync(file));
  return found ?? 'temporal';
}

const isOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * The Temporal dev server on a stack's ports and data folder, started as `npm start` starts it (same
 * database file, namespace and search attributes), but owned by the drill: it can stop it (SIGTERM, or
 * SIGKILL) and start it again on the same database while the rest of the stack keeps running.
 */
export class TemporalProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';

  constructor(private readonly settings: { dataDir: string; port: number; uiPort: number; namespace?: string }) {}

  get address(): string {
    return `127.0.0.1:${this.settings.port}`;
  }
  get log(): string {
    return this.output;
  }
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const namespace = this.settings.namespace ?? 'default';
    fs.mkdirSync(this.settings.dataDir, { recursive: true });
    const args = ['server', 'start-dev', '--db-filename', path.join(this.settings.dataDir, 'temporal.db'), '--ip', '127.0.0.1', '--port', String(this.settings.port)];
    args.push('--ui-port', String(this.settings.uiPort), '--namespace', namespace, '--log-level', 'warn', ...searchAttributeCliArgs());
    const child = spawn(temporalCli(), args, { cwd: this.settings.dataDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.output = '';
    child.stdout!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-50_000)));
    child.stderr!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-50_000)));
    // Started in its own process group (so a stop reaches its children); if the drill dies first, take it along.
    const killOnExit = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', killOnExit);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.off('exit', killOnExit);
        resolve();
      }),
    );
    await waitFor(
      'the Temporal dev server to serve its namespace',
      async () => {
        if (!this.running) throw new Error(`temporal exited:\n${this.output.slice(-2000)}`);
        if (!(await isOpen(this.settings.port))) return false;
        return spawnSync(temporalCli(), ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', this.address], { stdio: 'ignore' }).status === 0;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** SIGTERM (a stop) or SIGKILL (a crash) to its process group; resolves once it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    try {
      process.kill(-this.child!.pid!, signal);
    } catch {
      this.child!.kill(signal);
    }
    const timer = setTimeout(() => this.running && process.kill(-this.child!.pid!, 'SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}
