import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Playbook } from '@tripline/playbook';
import type { DrillContext } from '../drill';
import { LocalStack, newStackSettings } from '../../../e2e/test/support/local-stack';
import { WorkerProcess } from '../../../e2e/test/support/worker-process';
import { gqlData, loginToken } from './graphql';
import { TemporalProcess } from './temporal-process';

export interface MailboxMessage {
  messageId: string;
  to: string[] | string;
  subject: string;
}

/**
 * The real `npm start` stack for the crash drills, with the two processes they break owned by the
 * drill: the Temporal dev server (TemporalProcess, `npm start --no-temporal`) and the worker
 * (WorkerProcess, `--no-worker`). API, mail catcher and designer run under `npm start` as always.
 */
export class DrillStack {
  token = '';

  private constructor(
    readonly local: LocalStack,
    readonly temporal: TemporalProcess,
    readonly worker: WorkerProcess,
  ) {}

  static async start(log: (line: string) => void = () => undefined): Promise<DrillStack> {
    const settings = await newStackSettings();
    const temporal = new TemporalProcess({ dataDir: settings.dataDir, port: settings.ports.temporal, uiPort: settings.ports.temporalUi });
    const local = new LocalStack(settings);
    const stack = new DrillStack(local, temporal, new WorkerProcess(local));
    const started = Date.now();
    try {
      await temporal.start();
      await local.start(240_000, { withoutWorker: true, withoutTemporal: true });
      await stack.worker.start();
      stack.token = await loginToken(local.apiUrl, settings.adminEmail, settings.adminPassword);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${settings.dataDir})`);
    return stack;
  }

  get apiUrl(): string {
    return this.local.apiUrl;
  }

  /** Creates and publishes `playbook`; returns its id. */
  async publish(playbook: Playbook): Promise<string> {
    const created = await gqlData<{ createPlaybook: { id: string } }>(this.apiUrl, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: playbook.name, definition: playbook } }, this.token);
    await gqlData(this.apiUrl, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: created.createPlaybook.id }, this.token);
    return created.createPlaybook.id;
  }

  /** POST /v1/batch with the stack's write key; the HTTP status. */
  async ingest(batch: unknown[]): Promise<number> {
    const response = await fetch(`${this.apiUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${this.local.settings.writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ batch }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** A read-only look at the stack's SQLite database (the API keeps writing). */
  query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(path.join(this.local.settings.dataDir, 'tripline.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  async mailbox(): Promise<MailboxMessage[]> {
    return (await (await fetch(`${this.local.mailboxUrl}/api/messages`)).json()) as MailboxMessage[];
  }

  /** Throws, with the last lines of its output, if `npm start` has exited (one of its processes died). */
  assertRunning(): void {
    if (this.local.exitCode !== null) throw new Error(`npm start exited with ${this.local.exitCode}:\n${this.local.log.split('\n').slice(-40).join('\n')}`);
  }

  async stop(): Promise<void> {
    await this.worker.stop().catch(() => undefined);
    await this.local.stop().catch(() => undefined);
    await this.temporal.stop().catch(() => undefined);
    // The logs outlive the data: a failed drill is read from them.
    const logs = path.join(os.tmpdir(), 'tripline-drill-logs', path.basename(this.local.settings.dataDir));
    fs.mkdirSync(logs, { recursive: true });
    fs.writeFileSync(path.join(logs, 'npm-start.log'), this.local.log);
    fs.writeFileSync(path.join(logs, 'worker.log'), this.worker.log);
    fs.writeFileSync(path.join(logs, 'temporal.log'), this.temporal.log);
    this.local.removeData();
  }
}

/** Runs `work` on the context's shared stack, or on a stack of its own that it stops afterwards. */
export async function withStack<T>(context: DrillContext, log: (line: string) => void, work: (stack: DrillStack) => Promise<T>): Promise<T> {
  if (context.stack) return work(await context.stack());
  const stack = await DrillStack.start(log);
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}
