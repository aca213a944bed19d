import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePorts } from './free-port';
import { waitFor } from './wait-for';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface LocalStackSettings {
  dataDir: string;
  ports: { api: number; designer: number; temporal: number; temporalUi: number; smtp: number; mailbox: number };
  writeKey: string;
  adminEmail: string;
  adminPassword: string;
  /** TRIPLINE_DEFAULT_APPROVAL_POLICY for the stack; 'none' unless a test asks for approvals. */
  approvalPolicy?: 'none' | 'approver';
}

export async function newStackSettings(): Promise<LocalStackSettings> {
  const [api, designer, temporal, temporalUi, smtp, mailbox] = await freePorts(6);
  return {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-e2e-')),
    ports: { api, designer, temporal, temporalUi, smtp, mailbox },
    writeKey: 'wk_e2e_write_key_0123456789',
    adminEmail: 'revops@example.test',
    adminPassword: 'e2e password that is long enough',
  };
}

/**
 * `npm start` for real (scripts/start.mjs), on free ports and a temporary data folder.
 * The build has already run (npm test builds first), so it starts with --skip-install --skip-build.
 */
export class LocalStack {
  private child?: ChildProcess;
  private output = '';
  exitCode: number | null = null;

  constructor(readonly settings: LocalStackSettings) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.settings.ports.api}`;
  }
  get designerUrl(): string {
    return `http://127.0.0.1:${this.settings.ports.designer}`;
  }
  get mailboxUrl(): string {
    return `http://127.0.0.1:${this.settings.ports.mailbox}`;
  }
  get temporalAddress(): string {
    return `127.0.0.1:${this.settings.ports.temporal}`;
  }
  get log(): string {
    return this.output;
  }

  /**
   * `withoutWorker`: `npm start --no-worker`, for a test that runs (and kills) the worker itself (worker-process.ts);
   * `withoutTemporal`: `npm start --no-temporal`, for a drill that runs (and restarts) the Temporal server on the stack's port.
   */
  async start(timeoutMs = 120_000, { withoutWorker = false, withoutTemporal = false } = {}): Promise<void> {
    const { ports } = this.settings;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TRIPLINE_DATA_DIR: this.settings.dataDir,
      TRIPLINE_API_PORT: String(ports.api),
      TRIPLINE_DESIGNER_PORT: String(ports.designer),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      TRIPLINE_SMTP_PORT: String(ports.smtp),
      TRIPLINE_MAILBOX_PORT: String(ports.mailbox),
      TRIPLINE_WRITE_KEY: this.settings.writeKey,
      TRIPLINE_ADMIN_EMAIL: this.settings.adminEmail,
      TRIPLINE_ADMIN_PASSWORD: this.settings.adminPassword,
      // These journeys publish as the admin alone; the approval flow has its own suites (backend/test/governance*).
      TRIPLINE_DEFAULT_APPROVAL_POLICY: this.settings.approvalPolicy ?? 'none',
      NO_COLOR: '1',
    };
    // The embedded default: SQLite, whatever the surrounding test run points DATABASE_URL at.
    delete env.DATABASE_URL;
    this.output = '';
    this.exitCode = null;
    const flags = ['--skip-install', '--skip-build', ...(withoutWorker ? ['--no-worker'] : []), ...(withoutTemporal ? ['--no-temporal'] : [])];
    const child = spawn(process.execPath, ['scripts/start.mjs', ...flags], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    child.on('exit', (code) => (this.exitCode = code ?? -1));
    await waitFor(
      'npm start to print "Tripline is ready"',
      () => {
        if (this.exitCode !== null) throw new Error(`npm start exited with ${this.exitCode}:\n${this.output.slice(-4000)}`);
        return this.output.includes('Tripline is ready');
      },
      { timeoutMs, intervalMs: 250 },
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\n--- npm start output ---\n${this.output.slice(-6000)}`);
    });
  }

  /** Ctrl-C: npm start must stop every process it started and exit. */
  async stop(timeoutMs = 30_000): Promise<number> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode ?? 0;
    child.kill('SIGINT');
    await waitFor('npm start to exit after Ctrl-C', () => this.exitCode !== null, { timeoutMs });
    return this.exitCode!;
  }

  removeData(): void {
    fs.rmSync(this.settings.dataDir, { recursive: true, force: true });
  }
}
