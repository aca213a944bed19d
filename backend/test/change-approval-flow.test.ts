import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { emailConnector, startMailCatcher, type CaughtMessage, type MailCatcher } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import { changeApprovalWorkflowId, type Playbook } from '@tripline/playbook';
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { createPlaybookWorker, type PlaybookWorkers } from '../../workflow-workers/src/worker';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TEST_INTERNAL_TOKEN, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

const DESIGNER_URL = 'https://designer.tripline.test';
const REQUEST_FIELDS = 'id status attempt currentLevel canDecide levels { name state escalated approvals required }';
const CREATE = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`;
const SUBMIT = `mutation($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const OPEN_LINK = `query($token: String!) { openChangeRequestLink(token: $token) { ${REQUEST_FIELDS} } }`;
const DECIDE = `mutation($input: DecideChangeRequestInput!) { decideChangeRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const REQUEST = `query($id: ID!) { changeRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const PLAYBOOK = `query($id: ID!) { playbook(id: $id) { publishedVersion } }`;
const UPDATE_POLICY = `mutation($policy: JSON!) { updateApprovalPolicy(policy: $policy) { isDefault } }`;

/** A small valid playbook: an event trigger, one email, the end. */
const playbookNamed = (name: string): Omit<Playbook, 'id' | 'version'> & { id: string; version: number } => ({
  schemaVersion: 1,
  id: 'welcome',
  version: 1,
  name,
  trigger: { kind: 'event', event: `Signed Up ${name}` },
  enrollment: { subject: 'person', reenroll: 'never' },
  start: 'send',
  nodes: {
    send: { kind: 'action', connector: 'email', action: 'send', connection: 'default-email', input: { to: '{{ person.traits.email }}', subject: 'Welcome', text: 'Hi' } },
    done: { kind: 'end' },
  },
  edges: [{ from: 'send', to: 'done' }],
});

/** The signed link of an approver email: `<designer>/approvals/change-requests/<id>?token=<token>`. */
function linkIn(message: CaughtMessage): { requestId: string; token: string } {
  const match = /\/approvals\/change-requests\/([^?\s]+)\?token=([^\s"<>]+)/.exec(message.text ?? '');
  if (!match) throw new Error(`no approval link in the email "${message.subject}"`);
  expect(message.text).toContain(`${DESIGNER_URL}/approvals/change-requests/`);
  return { requestId: decodeURIComponent(match[1]!), token: decodeURIComponent(match[2]!) };
}

let quietRuntimeInstalled = false;

interface Member {
  id: string;
  email: string;
  token: string;
}

describe.each(databaseKindsUnderTest())('change approval end to end on %s (API + Temporal dev server + worker + mail catcher)', (kind) => {
  let temporal: TestWorkflowEnvironment;
  let catcher: MailCatcher;
  let t: TestApp;
  let workers: PlaybookWorkers;
  let workersStopped: Promise<void>;
  let workspaceId: string;
  let adminToken: string;
  // pat edits (the requester), ann approves, eve is who a level escalates to.
  let pat: Member, ann: Member, eve: Member;

  beforeAll(async () => {
    // The worker logs every task at INFO; only errors are worth reading here.
    if (!quietRuntimeInstalled) Runtime.install({ logger: new DefaultLogger('ERROR') });
    quietRuntimeInstalled = true;
    const port = await freePort();
    temporal = await startTemporalDevServer(port);
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const taskQueue = `change-approval-${randomUUID()}`;
    t = await startTestApp(kind, {
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TRIPLINE_TASK_QUEUE: taskQueue,
      TRIPLINE_DEFAULT_SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
      TRIPLINE_DEFAULT_APPROVAL_POLICY: 'approver',
      TRIPLINE_DESIGNER_URL: DESIGNER_URL,
    });
    const connectors = createRegistry([emailConnector]);
    workers = await createPlaybookWorker({
      connection: temporal.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ workerApi: new HttpWorkerApi({ baseUrl: t.url, token: TEST_INTERNAL_TOKEN }), connectors }),
      connectors,
    });
    workersStopped = workers.run();

    adminToken = await loginAsAdmin(t.url);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const users = t.app.get(UsersService);
    const member = async (name: string, role: 'editor' | 'approver' | 'operator'): Promise<Member> => {
      const email = `${name}-${randomUUID().slice(0, 6)}@example.test`;
      const password = `password-${randomUUID()}`;
      const user = await users.create({ email, password, name });
      await users.setRole(user.id, workspaceId, role);
      return { id: user.id, email, token: await login(t.url, email, password) };
    };
    pat = await member('pat', 'editor');
    ann = await member('ann', 'approver');
    eve = await member('eve', 'operator');
  });

  afterAll(async () => {
    workers?.shutdown();
    await workersStopped?.catch(() => undefined);
    await t?.close();
    await catcher?.close();
    await temporal?.teardown();
  });

  async function draftPlaybook(name: string): Promise<string> {
    const created = await gql(t.url, CREATE, { input: { name, definition: playbookNamed(name) } }, pat.token);
    expect(created.errors).toBeUndefined();
    return created.data.createPlaybook.id;
  }

  async function submitPublish(playbookId: string, title: string) {
    const submitted = await gql(t.url, SUBMIT, { input: { kind: 'publishPlaybook', targetId: playbookId, title } }, pat.token);
    expect(submitted.errors).toBeUndefined();
    return submitted.data.submitChangeRequest as { id: string; status: string; attempt: number };
  }

  const emailsAbout = (title: string, to: string) => catcher.messages().filter((message) => message.subject.includes(title) && message.to.includes(to));
  const workflowOf = (requestId: string, attempt = 1) => temporal.client.workflow.getHandle(changeApprovalWorkflowId(workspaceId, requestId, attempt));

  it("an editor's change goes live only once an approver approves it from the emailed link; the workflow ends 'published'", async () => {
    const title = `Publish welcome ${randomUUID().slice(0, 6)}`;
    const playbookId = await draftPlaybook(title);
    // Under the 'approver' policy nobody publishes directly.
    const direct = await gql(t.url, PUBLISH, { id: playbookId }, pat.token);
    expect(direct.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('submitChangeRequest') });

    const request = await submitPublish(playbookId, title);
    expect(request).toMatchObject({ status: 'pending', attempt: 1 });

    // The workflow (started through the outbox) notifies the approvers through the email connector.
    const email = await catcher.waitFor((message) => message.subject.includes(title) && message.to.includes(ann.email), 30_000);
    expect(email.subject).toBe(`Approval needed: ${title}`);
    const link = linkIn(email);
    expect(link.requestId).toBe(request.id);
    // The requester is never asked.
    expect(emailsAbout(title, pat.email)).toEqual([]);

    // The link opens the request for ann only.
    const opened = await gql(t.url, OPEN_LINK, { token: link.token }, ann.token);
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openChangeRequestLink).toMatchObject({ id: request.id, status: 'pending', canDecide: true });
    const forwarded = await gql(t.url, OPEN_LINK, { token: link.token }, pat.token);
    expect(forwarded.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, PLAYBOOK, { id: playbookId }, pat.token)).data.playbook.publishedVersion).toBeNull();

    const decided = await gql(t.url, DECIDE, { input: { id: request.id, decision: 'APPROVE', attempt: 1 } }, ann.token);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideChangeRequest).toMatchObject({ id: request.id, status: 'published' });
    expect((await gql(t.url, PLAYBOOK, { id: playbookId }, pat.token)).data.playbook.publishedVersion).toBe(1);

    // The closed signal (through the outbox) ends the workflow with the request's status.
    const handle = workflowOf(request.id);
    await expect(handle.result()).resolves.toEqual({ status: 'published' });
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.type).toBe('changeApproval');
    // One email per approver: the ledger kept the opening notification to one send.
    expect(emailsAbout(title, ann.email)).toHaveLength(1);
  });

  it("a level that times out escalates (email to the escalation approver), then expires: the request and the workflow end 'expired'", async () => {
    const policy = await gql(
      t.url,
      UPDATE_POLICY,
      {
        policy: {
          levels: [
            { name: 'Quick approval', approvers: { users: [ann.id] }, required: 1, when: { always: true }, timeout: '2s', escalateTo: { users: [eve.id] } },
          ],
        },
      },
      adminToken,
    );
    expect(policy.errors).toBeUndefined();
    try {
      const title = `Escalating welcome ${randomUUID().slice(0, 6)}`;
      const playbookId = await draftPlaybook(title);
      const request = await submitPublish(playbookId, title);

      const escalation = await catcher.waitFor((message) => message.subject.includes(title) && message.to.includes(eve.email), 30_000);
      expect(escalation.subject).toBe(`Escalated: approval needed: ${title}`);
      expect(linkIn(escalation).requestId).toBe(request.id);

      const handle = workflowOf(request.id);
      await expect(handle.result()).resolves.toEqual({ status: 'expired' });
      const after = await gql(t.url, REQUEST, { id: request.id }, pat.token);
      expect(after.data.changeRequest).toMatchObject({ status: 'expired', levels: [{ name: 'Quick approval', escalated: true }] });
      expect((await gql(t.url, PLAYBOOK, { id: playbookId }, pat.token)).data.playbook.publishedVersion).toBeNull();
      // Ann was asked when the level opened and told of the escalation; eve only once it escalated; nobody twice for one reason.
      expect(emailsAbout(title, ann.email).map((message) => message.subject)).toEqual([`Approval needed: ${title}`, `Escalated: approval needed: ${title}`]);
      expect(emailsAbout(title, eve.email).map((message) => message.subject)).toEqual([`Escalated: approval needed: ${title}`]);
    } finally {
      // Back to the built-in default for the other tests of this app.
      await gql(t.url, UPDATE_POLICY, { policy: { levels: [{ name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h', reminderEvery: '24h' }] } }, adminToken);
    }
  });
});
