/**
 * The spine, end to end, the way a new user meets it: `npm start` brings up real Temporal, the mail
 * catcher, the API, the worker and the designer; a playbook is published through GraphQL; the official
 * Segment client sends events; the run completes on Temporal and the email lands in the SMTP server;
 * a graphql-ws client sees the status changes; a second `npm start` keeps everything.
 */
import { Analytics } from '@segment/analytics-node';
import { chromium } from 'playwright-core';
import { demoRequestFollowUp } from '@tripline/playbook';
import { gqlData, subscriptionClient } from './support/graphql';
import { LocalStack, newStackSettings } from './support/local-stack';
import { waitFor } from './support/wait-for';

jest.setTimeout(240_000);

interface MailboxMessage {
  messageId: string;
  to: string[] | string;
  subject: string;
  text: string;
}

const RUN_FIELDS = `id status playbookId workflowId subjectKind subjectId temporalUiUrl
  steps { stepId kind status port output error }`;

describe('the spine: npm start → Segment event → published playbook → email', () => {
  let stack: LocalStack;
  let token: string;
  let playbookId: string;

  beforeAll(async () => {
    stack = new LocalStack(await newStackSettings());
    await stack.start();
  });

  afterAll(async () => {
    await stack?.stop();
    stack?.removeData();
  });

  it('logs in with the admin from the environment and publishes a playbook', async () => {
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token role workspace { id name } } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    expect(login.login.role).toBe('admin');
    token = login.login.token;

    const created = await gqlData(
      stack.apiUrl,
      `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id status } }`,
      { input: { name: 'Demo request follow-up', definition: demoRequestFollowUp } },
      token,
    );
    playbookId = created.createPlaybook.id;
    expect(created.createPlaybook.status).toBe('draft');

    const published = await gqlData(
      stack.apiUrl,
      `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`,
      { id: playbookId },
      token,
    );
    expect(published.publishPlaybook.version).toBe(1);
  });

  it('runs the playbook on Temporal for a Segment track event, emails the person and streams the run over graphql-ws', async () => {
    const updates: { status: string; steps: { stepId: string; status: string }[] }[] = [];
    const ws = subscriptionClient(stack.apiUrl, token);
    const unsubscribe = ws.subscribe<{ runUpdated: { status: string; steps: { stepId: string; status: string }[] } }>(
      { query: `subscription($playbookId: ID) { runUpdated(playbookId: $playbookId) { status steps { stepId status } } }`, variables: { playbookId } },
      {
        next: (message) => message.data && updates.push(message.data.runUpdated),
        error: (error) => updates.push({ status: `subscription error: ${JSON.stringify(error)}`, steps: [] }),
        complete: () => undefined,
      },
    );
    // The subscription is live once the server acknowledged it; give the socket a moment to be set up.
    await new Promise((r) => setTimeout(r, 500));

    const analytics = new Analytics({ writeKey: stack.settings.writeKey, host: stack.apiUrl, flushAt: 1, maxRetries: 3 });
    analytics.identify({ userId: 'user-ada', traits: { email: 'ada@example.test', firstName: 'Ada' } });
    analytics.track({ userId: 'user-ada', event: 'Demo Requested', properties: { source: 'pricing page' } });
    await analytics.closeAndFlush({ timeout: 10_000 });

    const run = await waitFor(
      'the run to complete',
      async () => {
        const { runs } = await gqlData(stack.apiUrl, `query($f: RunFilter) { runs(filter: $f) { ${RUN_FIELDS} } }`, { f: { playbookId } }, token);
        const done = runs.find((r: { status: string }) => ['completed', 'failed'].includes(r.status));
        return done;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(run.status).toBe('completed');
    expect(run.subjectKind).toBe('person');
    expect(run.workflowId).toMatch(/^tripline:/);
    expect(run.temporalUiUrl).toContain(encodeURIComponent(run.workflowId));
    const stepsById = Object.fromEntries(run.steps.map((s: { stepId: string }) => [s.stepId, s]));
    expect(stepsById['has-email']).toMatchObject({ status: 'completed', port: 'yes' });
    expect(stepsById['send-confirmation']).toMatchObject({ status: 'completed' });
    expect(stepsById['no-email']).toBeUndefined();

    const messages = await waitFor('the email in the mailbox', async () => {
      const list = (await (await fetch(`${stack.mailboxUrl}/api/messages`)).json()) as MailboxMessage[];
      return list.length > 0 ? list : undefined;
    });
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0].to)).toContain('ada@example.test');
    expect(messages[0].subject).toBe('Your demo request, Ada');
    expect(messages[0].text).toContain('Hi Ada,');
    expect(messages[0].text).not.toContain('{{');

    await waitFor('the subscription to deliver the completed status', () => updates.some((u) => u.status === 'completed'));
    unsubscribe();
    await ws.dispose();
    expect(updates.find((u) => u.status.startsWith('subscription error'))).toBeUndefined();
    expect(updates.map((u) => u.status)).toContain('running');
    const lastUpdate = updates[updates.length - 1];
    expect(lastUpdate.steps.map((s) => s.stepId)).toEqual(expect.arrayContaining(['has-email', 'send-confirmation']));
  });

  it('does not enroll the same person twice within the re-enrollment window', async () => {
    const analytics = new Analytics({ writeKey: stack.settings.writeKey, host: stack.apiUrl, flushAt: 1 });
    analytics.track({ userId: 'user-ada', event: 'Demo Requested', properties: { source: 'again' } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    // Give the dispatcher time to (wrongly) start a second run before checking.
    await new Promise((r) => setTimeout(r, 3000));
    const { runs } = await gqlData(stack.apiUrl, `query($f: RunFilter) { runs(filter: $f) { id } }`, { f: { playbookId } }, token);
    expect(runs).toHaveLength(1);
  });

  it('shows the run in the designer, live: a new run appears and completes without a reload', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(stack.designerUrl);
      await page.getByLabel('Email').fill(stack.settings.adminEmail);
      await page.getByLabel('Password').fill(stack.settings.adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Demo request follow-up').first().waitFor();

      await page.goto(`${stack.designerUrl}/runs`);
      const rows = page.locator('[data-testid="runs-table"] tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      await expect(rows.first().locator('.badge').textContent()).resolves.toBe('completed');

      // A second person requests a demo while the page is open: the run shows up live.
      const analytics = new Analytics({ writeKey: stack.settings.writeKey, host: stack.apiUrl, flushAt: 1 });
      analytics.identify({ userId: 'user-grace', traits: { email: 'grace@example.test', firstName: 'Grace' } });
      analytics.track({ userId: 'user-grace', event: 'Demo Requested' });
      await analytics.closeAndFlush({ timeout: 10_000 });
      await page.waitForFunction(
        () => {
          const badges = [...document.querySelectorAll('[data-testid="runs-table"] tbody tr .badge')].map((b) => b.textContent);
          return badges.length === 2 && badges.every((text) => text === 'completed');
        },
        undefined,
        { timeout: 60_000 },
      );

      // The run view lists the steps the run took.
      await rows.first().locator('a').first().click();
      await page.getByTestId('step-log').getByText('send-confirmation').first().waitFor();
      // For a person to look at: TRIPLINE_E2E_SCREENSHOTS=<folder>.
      const shots = process.env.TRIPLINE_E2E_SCREENSHOTS;
      if (shots) await page.screenshot({ path: `${shots}/run-view.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('stops every process on Ctrl-C and keeps all data for the next npm start', async () => {
    expect(await stack.stop()).toBe(0);
    await expect(fetch(`${stack.apiUrl}/healthz`)).rejects.toThrow();

    await stack.start();
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    token = login.login.token;
    const { playbook } = await gqlData(stack.apiUrl, `query($id: ID!) { playbook(id: $id) { status publishedVersion } }`, { id: playbookId }, token);
    expect(playbook).toEqual({ status: 'published', publishedVersion: 1 });
    const { runs } = await gqlData(stack.apiUrl, `query($f: RunFilter) { runs(filter: $f) { status } }`, { f: { playbookId } }, token);
    expect(runs).toEqual([{ status: 'completed' }, { status: 'completed' }]);
    const messages = (await (await fetch(`${stack.mailboxUrl}/api/messages`)).json()) as MailboxMessage[];
    expect(messages.map((m) => m.subject).sort()).toEqual(['Your demo request, Ada', 'Your demo request, Grace']);
  });
});
