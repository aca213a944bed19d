import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../../e2e/test/support/free-port';
import { REPO_ROOT } from '../../../e2e/test/support/local-stack';
import { waitFor } from '../../../e2e/test/support/wait-for';

export interface ApiProcessOptions {
  /** Extra environment (NODE_ENV=production, TEMPORAL_ADDRESS of a stack). */
  env?: NodeJS.ProcessEnv;
  /** A data folder to reuse (a restart keeps it); a fresh temporary one otherwise. */
  dataDir?: string;
}

/**
 * The built API (`backend/dist/main.js`) alone, as the drills' child: its own data folder (SQLite),
 * secrets and port, no Temporal unless `env` points at one (firings then wait in the outbox). The
 * drill owns its pid: it can SIGKILL it, restart it on the same data, and tell whether it died.
 */
export class ApiProcess {
  readonly dataDir: string;
  readonly writeKey = `wk_drill_${randomBytes(8).toString('hex')}`;
  readonly adminEmail = 'drills@example.test';
  readonly adminPassword = `drill ${randomBytes(9).toString('base64url')}`;
  readonly internalToken = randomBytes(24).toString('base64url');
  private readonly secretKey = randomBytes(32).toString('base64');
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';
  port = 0;
  /** Exits nobody asked for (a crash), with the code or signal. */
  readonly unexpectedExits: string[] = [];
  private expectingExit = false;

  constructor(private readonly options: ApiProcessOptions = {}) {
    this.dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-drill-api-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get log(): string {
    return this.output;
  }
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  get sqliteFile(): string {
    return path.join(this.dataDir, 'tripline.sqlite');
  }

  /** Starts it (on the same port after a restart) and resolves once /readyz answers 200. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.expectingExit = false;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: '',
      TRIPLINE_DATA_DIR: this.dataDir,
      TRIPLINE_API_HOST: '127.0.0.1',
      TRIPLINE_API_PORT: String(this.port),
      TRIPLINE_SECRET_KEY: this.secretKey,
      TRIPLINE_INTERNAL_TOKEN: this.internalToken,
      TRIPLINE_WRITE_KEY: this.writeKey,
      TRIPLINE_ADMIN_EMAIL: this.adminEmail,
      TRIPLINE_ADMIN_PASSWORD: this.adminPassword,
      TRIPLINE_DEFAULT_APPROVAL_POLICY: 'none',
      // Nothing listens there: the drills that need no Temporal leave firings in the outbox.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      ...this.options.env,
    };
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'backend/dist/main.js')], { cwd: path.join(REPO_ROOT, 'backend'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    child.stdout!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-200_000)));
    child.stderr!.on('data', (chunk) => (this.output = (this.output + chunk).slice(-200_000)));
    // If the drill itself dies, take the API along.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        process.off('exit', killOnExit);
        if (!this.expectingExit) this.unexpectedExits.push(signal ? `killed by ${signal}` : `exited with code ${code}`);
        resolve();
      }),
    );
    await waitFor(
      'the API to answer /readyz',
      async () => {
        if (!this.running) throw new Error(`the API exited while starting:\n${this.output.slice(-3000)}`);
        return (await fetch(`${this.url}/readyz`)).ok;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** SIGKILL: no shutdown hooks, open transactions simply vanish, as when a machine dies. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait (cleanup); SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  removeData(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The Authorization header of the seeded write key. */
  get ingestAuth(): string {
    return `Basic ${Buffer.from(`${this.writeKey}:`).toString('base64')}`;
  }
}
