/**
 * Kill the worker: the real `npm start` stack (without its own worker), the built worker as a child
 * of this test, 30 runs of "event → wait 2s → email → end". The worker is SIGKILLed as soon as the
 * first run waits on its timer, so the runs are in flight (being started, waiting, their emails not
 * sent yet); the timers fire while no worker is up; a new worker process picks the runs up from their
 * histories (a replay of each). Every run must complete, the SMTP
 * server must have exactly one email per person, and the side-effect ledger one completed entry per
 * email step.
 */
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Playbook } from '@tripline/playbook';
import { gqlData } from './support/graphql';
import { LocalStack, newStackSettings } from './support/local-stack';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';

jest.setTimeout(480_000);

const PEOPLE = 30;
const EVENT = 'Crash Test Requested';

const crashTestPlaybook: Playbook = {
  schemaVersion: 1,
  id: 'crash-test',
  version: 1,
  name: 'Crash test',
  trigger: { kind: 'event', event: EVENT },
  enrollment: { subject: 'person', reenroll: 'never' },
  start: 'pause',
  nodes: {
    pause: { kind: 'wait', for: '2s' },
    send: {
      kind: 'action',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: { to: '{{ person.traits.email }}', subject: 'Crash test for {{ person.traits.firstName }}', text: 'Hello {{ person.traits.firstName }}.' },
    },
    done: { kind: 'end' },
  },
  edges: [
    { from: 'pause', to: 'send' },
    { from: 'send', to: 'done' },
  ],
};

interface RunRow {
  id: string;
  status: string;
  workflowId: string;
  steps: { stepId: string; status: string }[];
}
interface MailboxMessage {
  messageId: string;
  to: string[] | string;
  subject: string;
}

describe('a worker killed in the middle of runs', () => {
  let stack: LocalStack;
  let worker: WorkerProcess;
  let token: string;
  let playbookId: string;

  beforeAll(async () => {
    stack = new LocalStack(await newStackSettings());
    await stack.start(180_000, { withoutWorker: true });
    worker = new WorkerProcess(stack);
    await worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
    stack?.removeData();
  });

  const runs = async (): Promise<RunRow[]> =>
    (await gqlData(stack.apiUrl, `query($f: RunFilter) { runs(filter: $f) { id status workflowId steps { stepId status } } }`, { f: { playbookId, limit: 200 } }, token)).runs;
  const mailbox = async (): Promise<MailboxMessage[]> => (await (await fetch(`${stack.mailboxUrl}/api/messages`)).json()) as MailboxMessage[];

  it('completes every run after a SIGKILL and a restart, with one email and one ledger entry per run', async () => {
    token = (
      await gqlData(stack.apiUrl, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
        e: stack.settings.adminEmail,
        p: stack.settings.adminPassword,
      })
    ).login.token;
    const created = await gqlData(stack.apiUrl, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: crashTestPlaybook.name, definition: crashTestPlaybook } }, token);
    playbookId = created.createPlaybook.id;
    await gqlData(stack.apiUrl, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: playbookId }, token);

    const people = Array.from({ length: PEOPLE }, (_, i) => ({ userId: `crash-${i}`, email: `crash-${i}@example.test`, firstName: `P${i}` }));
    const batch = people.flatMap((p) => [
      { type: 'identify', userId: p.userId, traits: { email: p.email, firstName: p.firstName } },
      { type: 'track', userId: p.userId, event: EVENT },
    ]);
    const response = await fetch(`${stack.apiUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${stack.settings.writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ batch }),
    });
    expect(response.status).toBe(200);

    // Mid-run: the first run waits on its timer and no email has gone out yet.
    await waitFor('a run to be waiting on its timer', async () => (await runs()).some((r) => r.steps.some((s) => s.stepId === 'pause' && s.status === 'running')), {
      timeoutMs: 120_000,
      intervalMs: 100,
    });
    const killedPid = worker.pid;
    await worker.kill();
    // Normally no email is out yet (the timers are 2 s); on a very slow machine a few may be, but
    // runs are still in flight: that is what the kill must hit.
    const atKill = await runs();
    expect(atKill.filter((r) => r.status === 'completed').length).toBeLessThan(PEOPLE);
    expect((await mailbox()).length).toBeLessThan(PEOPLE);

    // Every firing becomes a run (the API keeps dispatching), and their timers fall due with no worker up.
    const all = await waitFor('every firing to be dispatched', async () => {
      const current = await runs();
      return current.length === PEOPLE ? current : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250 });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the 2 s timers fire while nothing runs them

    await worker.start();
    expect(worker.pid).not.toBe(killedPid);
    const finished = await waitFor('every run to finish after the restart', async () => {
      const current = await runs();
      return current.every((r) => ['completed', 'failed', 'cancelled', 'compensated'].includes(r.status)) ? current : undefined;
    }, { timeoutMs: 300_000, intervalMs: 1_000 });
    expect(finished.map((r) => r.status)).toEqual(Array(PEOPLE).fill('completed'));

    // One email per person: none lost, none twice.
    const messages = await waitFor('every email in the mailbox', async () => {
      const current = await mailbox();
      return current.length >= PEOPLE ? current : undefined;
    });
    const recipients = messages.map((m) => JSON.stringify(m.to)).sort();
    expect(recipients).toEqual(people.map((p) => JSON.stringify([p.email])).sort());
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(PEOPLE);

    // The ledger: one completed entry per email step, keyed by the run's workflow id.
    const db = new Database(path.join(stack.settings.dataDir, 'tripline.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const entries = db.prepare(`SELECT key, state FROM side_effect_ledger WHERE key LIKE 'tripline:%'`).all() as { key: string; state: string }[];
      const mine = entries.filter((e) => all.some((r) => e.key.startsWith(`${r.workflowId}:`)));
      expect(mine.map((e) => e.key).sort()).toEqual(all.map((r) => `${r.workflowId}:send:1`).sort());
      expect(mine.every((e) => e.state === 'completed')).toBe(true);
    } finally {
      db.close();
    }
  });
});
