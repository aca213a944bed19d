/**
 * The whole suppression path with real parts: the worker's executeAction (under Temporal's activity
 * test environment) talking to the real API over /internal/*, the real email connector, the mail
 * catcher and a scripted SMTP server that answers 550 — as `npm start`'s worker does.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { smtpReply, startScriptedSmtpServer } from '../../connectors/email/src/test-support/scripted-smtp-server';
import type { ExecuteActionInput, ExecuteActionResult } from '../../workflow-workers/src/activities/activity-types';
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { defaultConnectors } from '../../workflow-workers/src/connectors';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TEST_INTERNAL_TOKEN, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(60_000);

describe.each(databaseKindsUnderTest())('email outreach and the suppression list on %s', (kind) => {
  let t: TestApp;
  let catcher: MailCatcher;
  let workspaceId: string;
  let activities: ReturnType<typeof createActivities>;

  /** One email step of a run, as the workflow asks for it; each call is a new step (its own ledger key). */
  function sendTo(to: string, connection = 'default-email', firstName = 'Ann'): Promise<ExecuteActionResult> {
    const request: ExecuteActionInput = {
      workspaceId,
      runId: randomUUID(),
      stepId: 'send-welcome',
      visit: 1,
      connector: 'email',
      action: 'send',
      connection,
      input: { to: '{{ person.traits.email }}', subject: 'Hi {{ person.traits.firstName }}', html: '<p>Hi {{ person.traits.firstName }}</p>' },
      context: { person: { id: 'p1', traits: { email: to, firstName } } } as never,
      outreach: { playbookId: 'pb-1', subject: { kind: 'person', id: `person-${randomUUID()}` }, priority: 50 },
    };
    const env = new MockActivityEnvironment({ workflowExecution: { workflowId: `tripline:${workspaceId}:${randomUUID()}`, runId: 'r' } }, { logger: new DefaultLogger('ERROR') });
    return env.run(activities.executeAction, request);
  }
  const suppressed = async (email: string) =>
    (await internalRequest(t, 'POST', '/internal/suppressions/check', { workspaceId, emails: [email] })).body.suppressed as { reason: string }[];
  const unsubscribeUrlOf = async (subjectTo: string) => {
    const message = await catcher.waitFor((candidate) => candidate.to.includes(subjectTo));
    const header = message.headers?.['list-unsubscribe'] ?? '';
    expect(message.headers?.['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https:\/\/tripline\.example\.com\/v1\/unsubscribe\/[^>]+)>$/.exec(header)?.[1];
    expect(url).toBeDefined();
    return `${t.url}${new URL(url!).pathname}`;
  };

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    t = await startTestApp(kind, {
      TRIPLINE_PUBLIC_URL: 'https://tripline.example.com',
      TRIPLINE_DEFAULT_SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}?from=playbooks@tripline.test`,
    });
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    activities = createActivities({ workerApi: new HttpWorkerApi({ baseUrl: t.url, token: TEST_INTERNAL_TOKEN }), connectors: defaultConnectors() });
  });
  afterAll(async () => {
    await t?.close();
    await catcher?.close();
  });

  it('a POST to the link in the email unsubscribes, and the next send to that address is skipped with the reason', async () => {
    const first = await sendTo('leaver@example.com');
    expect(first.suppressed).toBeUndefined();
    const url = await unsubscribeUrlOf('leaver@example.com');

    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);

    await catcher.clear();
    const second = await sendTo('Leaver@Example.com');
    expect(second.output).toBeNull();
    expect(second.suppressed).toEqual({
      reason: "not sent: on the workspace's email suppression list: leaver@example.com (unsubscribe)",
      emails: ['leaver@example.com'],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catcher.messages()).toEqual([]);
  });

  it('following the link (GET) does not unsubscribe: the next send goes out', async () => {
    await sendTo('reader@example.com');
    const url = await unsubscribeUrlOf('reader@example.com');
    expect((await fetch(url)).status).toBe(200);
    await catcher.clear();
    const again = await sendTo('reader@example.com');
    expect(again.suppressed).toBeUndefined();
    await catcher.waitFor((candidate) => candidate.to.includes('reader@example.com'));
  });

  it('values inserted into the html body arrive escaped', async () => {
    await sendTo('html@example.com', 'default-email', '<a href="https://evil.test">Ann</a>');
    const message = await catcher.waitFor((candidate) => candidate.to.includes('html@example.com'));
    expect(message.html).toContain('<p>Hi &lt;a href=&#34;https://evil.test&#34;&gt;Ann&lt;/a&gt;</p>');
    expect(message.subject).toBe('Hi <a href="https://evil.test">Ann</a>');
  });

  it('a 550 at RCPT TO fails the step, suppresses the address, and the next send is skipped', async () => {
    const smtp = await startScriptedSmtpServer({
      authOptional: true,
      onRcptTo: (address, _session, callback) =>
        address.address.startsWith('gone') ? callback(smtpReply(550, '5.1.1 No such user')) : callback(),
    });
    try {
      const admin = await loginAsAdmin(t.url);
      const created = await gql(
        t.url,
        `mutation C($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`,
        { input: { name: 'bouncy-smtp', connector: 'email', config: { host: '127.0.0.1', port: smtp.port, from: 'playbooks@tripline.test' } } },
        admin,
      );
      expect(created.errors).toBeUndefined();

      const failure = await sendTo('gone@example.com', 'bouncy-smtp').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect((failure as ApplicationFailure).nonRetryable).toBe(true);
      expect((failure as ApplicationFailure).message).toMatch(/rejected the message.*550/);
      expect(await suppressed('gone@example.com')).toEqual([{ email: 'gone@example.com', reason: 'hardBounce' }]);

      const next = await sendTo('gone@example.com', 'bouncy-smtp');
      expect(next.suppressed?.reason).toBe("not sent: on the workspace's email suppression list: gone@example.com (hardBounce)");
      const listed = await gql(t.url, `{ emailSuppressions(search: "gone@") { email reason detail } }`, {}, admin);
      expect(listed.data.emailSuppressions).toEqual([{ email: 'gone@example.com', reason: 'hardBounce', detail: '550 5.1.1 No such user' }]);
    } finally {
      await smtp.close();
    }
  });
});
