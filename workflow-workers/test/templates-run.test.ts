import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { emailConnector, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { hubspotConnector, startFakeHubSpot, type FakeHubSpot } from '@tripline/connector-hubspot';
import { slackConnector } from '@tripline/connector-slack';
import { startFakeSlack, type FakeSlack } from '@tripline/connector-slack/src/test-support/fake-slack-server';
import { webhookConnector } from '@tripline/connector-webhook';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '@tripline/connector-webhook/src/test-support/fake-webhook-receiver';
import {
  chooseSplitPort,
  CRM_TASK_COMPLETED,
  EXAMPLE_PLAYBOOKS,
  SLA_PLAYBOOKS,
  validate,
  type EvaluationContext,
  type Playbook,
  type PlaybookRunInput,
  type RunEvent,
  type SplitStep,
} from '@tripline/playbook';
import { playbookRun } from '../src/workflows';
import { approvalDecisionUpdate } from '../src/workflows/approval-messages';
import { eventReceivedSignal } from '../src/workflows/steps/wait-for-event-step';
import { startConnectorWorker } from './support/connector-worker';
import { enrollmentWorkflowId, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';

// Every template of the designer's gallery (EXAMPLE_PLAYBOOKS + SLA_PLAYBOOKS, the list it shows),
// run as published — same connection names, same Liquid — by the real worker (workflow bundle,
// activities, connectors) on the time-skipping test server, against the mail catcher and the fake
// Slack, HubSpot and in-app messaging receiver. Days of waiting pass in milliseconds.
jest.setTimeout(180_000);

const GALLERY: readonly Playbook[] = [...EXAMPLE_PLAYBOOKS, ...SLA_PLAYBOOKS];
/** The gallery templates this file runs; a template added to the gallery must get a run here. */
const RUN_HERE = [
  'demo-request-follow-up',
  'win-loss-post-loss-interview',
  'trial-conversion',
  'post-loss-email-sequence',
  'usage-based-upsell',
  'churn-prevention-inactivity',
  'onboarding-activation-30-day',
  'pql-three-tier-handoff',
  'sdr-follow-up-sla',
  'ae-escalation-sla',
];
const template = (id: string): Playbook => {
  if (!RUN_HERE.includes(id)) throw new Error(`${id} is not listed in RUN_HERE`);
  const found = GALLERY.find((playbook) => playbook.id === id);
  if (!found) throw new Error(`No gallery template ${id}`);
  return found;
};

const IN_APP_SECRET = 'in-app-messaging-secret-0123456789';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const APPROVER = 'u-ann';

describe('every gallery template runs on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startConnectorWorker>>;
  let catcher: MailCatcher;
  let slack: FakeSlack;
  let hubspot: FakeHubSpot;
  let inApp: FakeWebhookReceiver;

  beforeAll(async () => {
    installQuietRuntime();
    [env, catcher, slack, hubspot, inApp] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } }),
      startMailCatcher({ smtpPort: 0, httpPort: 0 }),
      startFakeSlack(),
      startFakeHubSpot(),
      startFakeWebhookReceiver({ secret: IN_APP_SECRET }),
    ]);
    worker = await startConnectorWorker(env, [emailConnector, slackConnector, hubspotConnector, webhookConnector]);
    const api = worker.workerApi;
    // The connections the templates name, as a workspace admin would save them, pointed at the fakes.
    api.addConnection(WORKSPACE_ID, { id: 'c-email', name: 'default-email', connector: 'email', config: { host: '127.0.0.1', port: catcher.smtpPort, from: 'Acme <hello@acme.test>' } });
    api.addConnection(WORKSPACE_ID, { id: 'c-slack', name: 'slack', connector: 'slack', config: { botToken: slack.botToken, apiBaseUrl: `${slack.url}/api`, allowLoopbackUrls: true } });
    api.addConnection(WORKSPACE_ID, { id: 'c-hubspot', name: 'hubspot', connector: 'hubspot', config: { accessToken: hubspot.accessToken, baseUrl: hubspot.url } });
    api.addConnection(WORKSPACE_ID, {
      id: 'c-in-app',
      name: 'in-app-messaging',
      connector: 'webhook',
      config: { url: `${inApp.url}/hooks/in-app-messages`, secret: IN_APP_SECRET, allowPrivateNetworks: true },
    });
    api.approvals.addMember(WORKSPACE_ID, { userId: 'u-pat', email: 'pat@acme.test', role: 'editor' });
    api.approvals.addMember(WORKSPACE_ID, { userId: APPROVER, email: 'ann@acme.test', role: 'approver' });
    // Every workspace keeps an admin: the trial offer's approval escalates to admins.
    api.approvals.addMember(WORKSPACE_ID, { userId: 'u-ada', email: 'ada.admin@acme.test', role: 'admin' });
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all([catcher?.close(), slack?.close(), hubspot?.close(), inApp?.close()]);
    await env?.teardown();
  });

  beforeEach(() => catcher.clear());

  // ---- the run's subject and context ----

  const person = (overrides: Record<string, unknown> = {}) => ({
    id: `person-${randomUUID()}`,
    userId: 'user-ada',
    traits: { email: 'ada@acme.test', firstName: 'Ada', ...overrides },
  });
  const account = (traits: Record<string, unknown>) => ({ id: `acct-${randomUUID()}`, groupId: 'grp-acme', traits });

  function inputFor(playbook: Playbook, context: EvaluationContext): PlaybookRunInput {
    const subject = playbook.enrollment.subject === 'account' ? { kind: 'account' as const, id: context.account!.id } : { kind: 'person' as const, id: context.person!.id };
    return { runId: randomUUID(), workspaceId: WORKSPACE_ID, playbook, subject, context };
  }

  async function start(playbook: Playbook, context: EvaluationContext) {
    const input = inputFor(playbook, context);
    worker.workerApi.approvals.setRequester(input.runId, 'u-pat');
    const handle = await env.client.workflow.start(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: worker.taskQueue, args: [input] });
    return { input, handle };
  }

  /** Starts the run and lets it finish (the server skips every timer). */
  async function runToEnd(playbook: Playbook, context: EvaluationContext) {
    const { input, handle } = await start(playbook, context);
    return { input, handle, result: await handle.result() };
  }

  // ---- what the run did ----

  const mails = () => catcher.messages().map((message) => ({ to: message.to, subject: message.subject }));
  const mailText = (subject: string) => catcher.messages().find((message) => message.subject === subject)?.text ?? '';
  const events = (runId: string) => worker.workerApi.eventsOf(runId);
  const stepEvent = (runId: string, stepId: string, status: string) =>
    events(runId).find((event): event is Extract<RunEvent, { type: 'step' }> => event.type === 'step' && event.stepId === stepId && event.status === status);
  /** Workflow time from the start of the run to a step's completion. */
  const completedAfterMs = (runId: string, stepId: string) => Date.parse(stepEvent(runId, stepId, 'completed')!.at) - Date.parse(events(runId)[0]!.at);

  /** Polls (the server's clock does not move meanwhile) until the probe answers. */
  async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /**
   * Moves the server's clock an hour at a time until the run opened its wait at `stepId` (past a
   * business-hours wait before it). The clock stands still while an activity is in flight, so no
   * send is cut off by a skipped timeout.
   */
  async function advanceUntilWaitOpened(handle: WorkflowHandle, stepId: string) {
    return until(`the wait at ${stepId}`, async () => {
      const wait = worker.workerApi.runWait(handle.workflowId, stepId);
      if (wait) return wait;
      const { raw } = await handle.describe();
      if ((raw.pendingActivities ?? []).length === 0) await env.sleep('1h');
      return undefined;
    });
  }
  const waitOpened = (handle: WorkflowHandle, stepId: string) => until(`the wait at ${stepId}`, () => worker.workerApi.runWait(handle.workflowId, stepId));
  const received = (stepId: string, name: string, properties: Record<string, unknown> = {}) => ({
    stepId,
    visit: 1,
    event: { messageId: randomUUID(), name, timestamp: new Date().toISOString(), properties },
  });

  it('the gallery is the list this file runs, and every template validates', () => {
    expect(GALLERY.map((playbook) => playbook.id).sort()).toEqual([...RUN_HERE].sort());
    for (const playbook of GALLERY) expect(validate(JSON.parse(JSON.stringify(playbook)))).toEqual({ ok: true, problems: [] });
  });

  describe('PQL three-tier handoff: one run per tier', () => {
    const handoff = () => template('pql-three-tier-handoff');
    /** The score a tier change carries into the run (tiers of the default PQL model: Low 0–40, Medium 41–70, High 71–100). */
    const pql = (score: number) => ({ model: 'pql', score, previousScore: 0, tier: score > 70 ? 'High' : score > 40 ? 'Medium' : 'Low', previousTier: 'Low' });
    const company = (name: string) => hubspot.store.create('companies', { name }).id;
    const tasksOf = (companyId: string) =>
      hubspot.store
        .all('tasks')
        .filter((task) => task.associations.some((association) => association.type === 'companies' && association.id === companyId))
        .map((task) => ({
          subject: hubspot.store.value(task, 'hs_task_subject'),
          priority: hubspot.store.value(task, 'hs_task_priority'),
          type: hubspot.store.value(task, 'hs_task_type'),
        }));
    const salesTraits = { sdrName: 'Sam', salesManagerEmail: 'morgan.manager@acme.test', plan: 'team' };

    it('Low (score 25): the in-app upgrade message goes to the product, signed and once', async () => {
      const acct = account({ ...salesTraits, name: 'Initrode' });
      const before = inApp.deliveries.length;
      const { handle, result } = await runToEnd(handoff(), { event: { name: 'Feature Used', properties: {} }, person: person(), account: acct, score: pql(25) });

      expect(result).toEqual({ status: 'completed', path: ['is-high', 'is-medium', 'in-app-upgrade-prompt', 'low-done'] });
      const deliveries = inApp.deliveries.slice(before);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        path: '/hooks/in-app-messages',
        method: 'POST',
        idempotencyKey: `${handle.workflowId}:in-app-upgrade-prompt:1`,
        body: {
          type: 'in_app_message',
          userId: 'user-ada',
          accountId: 'grp-acme',
          title: 'Upgrade for more storage',
          message: 'Your team is close to what the team plan allows. Upgrade to unlock unlimited users and more storage.',
          cta: { label: 'See plans', url: '/settings/billing' },
        },
      });
      expect(mails()).toEqual([]);
    });

    it('Medium (score 55): SDR value email and CRM call task; no follow-up in 48 h → second touch and the manager is told', async () => {
      const companyId = company('Umbrella');
      const acct = account({ ...salesTraits, name: 'Umbrella', hubspotCompanyId: companyId });
      const { input, result } = await runToEnd(handoff(), { event: { name: 'Feature Used', properties: { feature: 'dashboards' } }, person: person(), account: acct, score: pql(55) });

      expect(result).toEqual({
        status: 'completed',
        path: ['is-high', 'is-medium', 'sdr-value-email', 'sdr-call-task', 'await-sdr-follow-up', 'sdr-second-touch', 'sdr-sla-missed', 'medium-escalated'],
      });
      expect(mails()).toEqual([
        { to: ['ada@acme.test'], subject: 'Ada, what Umbrella is getting out of your plan' },
        { to: ['ada@acme.test'], subject: 'Re: what Umbrella is getting out of your plan' },
        { to: ['morgan.manager@acme.test'], subject: 'SLA missed: no SDR follow-up with Umbrella in 48 h' },
      ]);
      expect(mailText('Ada, what Umbrella is getting out of your plan')).toContain("I'm Sam, and I look after teams like yours.\nYour team has been putting dashboards to work a lot lately.");
      expect(tasksOf(companyId)).toEqual([{ subject: 'Call Ada at Umbrella (Medium PQL)', priority: 'MEDIUM', type: 'CALL' }]);
      const waited = completedAfterMs(input.runId, 'await-sdr-follow-up');
      expect(waited).toBeGreaterThanOrEqual(48 * HOUR_MS);
      expect(waited).toBeLessThan(49 * HOUR_MS);
      expect(slack.messages.filter((message) => message.text?.includes('Umbrella'))).toEqual([]);
    });

    it('Medium: the SDR completing the follow-up task in time ends the run, no escalation', async () => {
      const companyId = company('Vandelay');
      const acct = account({ ...salesTraits, name: 'Vandelay', hubspotCompanyId: companyId });
      const { handle } = await start(handoff(), { event: { name: 'Feature Used', properties: {} }, person: person(), account: acct, score: pql(41) });
      await waitOpened(handle, 'await-sdr-follow-up');
      await env.sleep('30h');
      await handle.signal(eventReceivedSignal, received('await-sdr-follow-up', CRM_TASK_COMPLETED, { taskType: 'sdr_follow_up' }));

      await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['is-high', 'is-medium', 'sdr-value-email', 'sdr-call-task', 'await-sdr-follow-up'] });
      expect(mails().map((mail) => mail.subject)).toEqual(['Ada, what Vandelay is getting out of your plan']);
      expect(tasksOf(companyId)).toHaveLength(1);
    });

    it('High (score 88): urgent Slack alert and CRM task at once; no joint call in 24 h → the manager is asked to reassign', async () => {
      const companyId = company('Globex');
      const acct = account({ ...salesTraits, name: 'Globex', hubspotCompanyId: companyId });
      const slackBefore = slack.messages.length;
      const { handle, input, result } = await runToEnd(handoff(), { event: { name: 'Feature Used', properties: {} }, person: person(), account: acct, score: pql(88) });

      expect(result.status).toBe('completed');
      // The two alerts run in parallel: their order in the path is whichever finished first.
      expect(result.path.slice(0, 2)).toEqual(['is-high', 'alert-ae']);
      expect([...result.path.slice(2, 4)].sort()).toEqual(['ae-call-task', 'slack-alert']);
      expect(result.path.slice(4)).toEqual(['ae-alerted', 'await-ae-call', 'ae-sla-missed', 'high-escalated']);

      const posted = slack.messages.slice(slackBefore);
      expect(posted).toHaveLength(1);
      expect(posted[0]).toMatchObject({
        channel: 'C0PQLALERT',
        text: ':rotating_light: Urgent: Globex is a High-tier PQL (score 88). Book the joint call (demo of the higher tiers) within 24 hours and complete the call task in the CRM.',
        metadata: { event_type: 'tripline_step', event_payload: { idempotency_key: `${handle.workflowId}:slack-alert:1` } },
      });
      expect(tasksOf(companyId)).toEqual([{ subject: 'Joint call with Globex within 24 h (High PQL)', priority: 'HIGH', type: 'CALL' }]);
      expect(mails()).toEqual([{ to: ['morgan.manager@acme.test'], subject: 'SLA missed: no AE call with Globex in 24 h' }]);
      // Both alerts went out within the matrix's 1 h for automated actions; the SLA ran 24 h.
      expect(completedAfterMs(input.runId, 'ae-alerted')).toBeLessThan(HOUR_MS);
      const waited = completedAfterMs(input.runId, 'await-ae-call');
      expect(waited).toBeGreaterThanOrEqual(24 * HOUR_MS);
      expect(waited).toBeLessThan(25 * HOUR_MS);
    });

    it('High: the joint call done at 20 h ends the run with no escalation', async () => {
      const companyId = company('Hooli');
      const acct = account({ ...salesTraits, name: 'Hooli', hubspotCompanyId: companyId });
      const { handle } = await start(handoff(), { event: { name: 'Feature Used', properties: {} }, person: person(), account: acct, score: pql(71) });
      await waitOpened(handle, 'await-ae-call');
      await env.sleep('20h');
      await handle.signal(eventReceivedSignal, received('await-ae-call', CRM_TASK_COMPLETED, { taskType: 'ae_call' }));

      const result = await handle.result();
      expect(result.status).toBe('exited');
      expect(result.path.at(-1)).toBe('await-ae-call');
      expect(mails()).toEqual([]);
      expect(slack.messages.filter((message) => message.text?.includes('Hooli'))).toHaveLength(1);
      expect(tasksOf(companyId)).toHaveLength(1);
    });
  });

  describe('the other templates', () => {
    it('Demo request follow-up: the confirmation at once', async () => {
      const { result } = await runToEnd(template('demo-request-follow-up'), {
        event: { name: 'Demo Requested', properties: {} },
        person: person(),
        account: account({ name: 'Acme', employees: 5000 }),
      });
      expect(result).toEqual({ status: 'completed', path: ['has-email', 'send-confirmation', 'done'] });
      expect(mails()).toEqual([{ to: ['ada@acme.test'], subject: 'Your demo request, Ada' }]);
      expect(mailText('Your demo request, Ada')).toContain('a solutions engineer will join');
    });

    it('Free trial conversion, High tier: a week in, the approved discount offer', async () => {
      const { input, handle } = await start(template('trial-conversion'), {
        event: { name: 'Trial Started', properties: {} },
        person: person(),
        account: account({ name: 'Acme', pqlScore: 80 }),
      });
      // Skip to just after the week (and the business hours it waits for), then stop the clock:
      // the approval's own 2-day timeout must not pass before the approver decides.
      const wait = await until('the week-long wait', () => stepEvent(input.runId, 'wait-a-week', 'running'));
      const wakeAt = Date.parse((wait.input as { wakeAt: string }).wakeAt);
      expect(wakeAt - Date.parse(wait.at)).toBeGreaterThanOrEqual(7 * DAY_MS);
      await env.sleep(wakeAt - (await env.currentTimeMs()) + 60_000);
      const request = await until('the approval request', () => worker.workerApi.approvals.ofRun(input.runId)[0]);
      await handle.executeUpdate(approvalDecisionUpdate, { args: [{ requestId: request.id, decidedBy: APPROVER, decision: 'approve' }] });

      await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['wait-a-week', 'high-tier', 'approve-offer', 'send-offer', 'done'] });
      expect(mails()).toEqual([{ to: ['ada@acme.test'], subject: '15% off the annual plan for Acme' }]);
    });

    it('Free trial conversion, other tiers: the feature tips of the subject line the split picks', async () => {
      const playbook = template('trial-conversion');
      const context = { event: { name: 'Trial Started', properties: {} }, person: person(), account: account({ name: 'Acme', pqlScore: 30 }) };
      const port = chooseSplitPort(playbook.nodes['subject-test'] as SplitStep, context.account.id, 'subject-test');
      const tips = port === 'A' ? 'tips-a' : 'tips-b';
      const { input, result } = await runToEnd(playbook, context);
      expect(result).toEqual({ status: 'completed', path: ['wait-a-week', 'high-tier', 'subject-test', tips, 'done'] });
      expect(mails()).toEqual([
        { to: ['ada@acme.test'], subject: port === 'A' ? 'Three features teams like yours use in week two' : 'Ada, have you tried the analytics dashboard?' },
      ]);
      expect(completedAfterMs(input.runId, 'wait-a-week')).toBeGreaterThanOrEqual(7 * DAY_MS);
    });

    it.each(['win-loss-post-loss-interview', 'post-loss-email-sequence'])('%s: three touches when the buyer never completes the interview', async (id) => {
      const playbook = template(id);
      const { result } = await runToEnd(playbook, {
        event: { name: 'Deal Closed Lost', properties: { amount: 60000, interviewUrl: 'https://interviews.acme.test/ada' } },
        person: person(),
      });
      expect(result.status).toBe('completed');
      const touches = result.path.filter((node) => playbook.nodes[node]!.kind === 'action');
      expect(touches).toEqual(['invite', 'bump', 'last-note']);
      const sent = mails();
      expect(sent).toHaveLength(3);
      expect(sent.every((mail) => mail.to[0] === 'ada@acme.test')).toBe(true);
      expect(sent.map((mail) => mail.subject).at(-1)).toBe('Last note from me');
      expect(catcher.messages()[0]!.text).toContain('$100 gift card');
    });

    it('post-loss-email-sequence: the interview completed after the invite stops the sequence', async () => {
      const { handle } = await start(template('post-loss-email-sequence'), { event: { name: 'Deal Closed Lost', properties: { amount: 20000 } }, person: person() });
      // The invite waits for a weekday morning first.
      await advanceUntilWaitOpened(handle, 'wait-after-invite');
      await handle.signal(eventReceivedSignal, received('wait-after-invite', 'Interview Completed'));
      await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['has-email', 'invite-hours', 'invite', 'wait-after-invite', 'interviewed'] });
      expect(mails().map((mail) => mail.subject)).toHaveLength(1);
    });

    it('Usage-based upsell: the overage signal gets its upgrade email, then the AE call offer after 7 days without an upgrade', async () => {
      const { input, result } = await runToEnd(template('usage-based-upsell'), {
        event: { name: 'Overage Charged', properties: { amount: 180 } },
        person: person(),
        account: account({ name: 'Acme', plan: 'team', aeName: 'Alex' }),
      });
      expect(result).toEqual({ status: 'completed', path: ['has-email', 'offer-hours', 'upgrade-email', 'await-upgrade', 'call-hours', 'ae-call-offer', 'done'] });
      expect(mails()).toEqual([
        { to: ['ada@acme.test'], subject: 'Your team has outgrown the team plan' },
        { to: ['ada@acme.test'], subject: 'A 15-minute call about the right plan for Acme?' },
      ]);
      expect(mailText('Your team has outgrown the team plan')).toContain('Your overage charges this month have passed $500');
      expect(mailText('A 15-minute call about the right plan for Acme?')).toContain("I'm Alex.");
      const waited = completedAfterMs(input.runId, 'await-upgrade') - completedAfterMs(input.runId, 'upgrade-email');
      expect(waited).toBeGreaterThanOrEqual(7 * DAY_MS);
    });

    it('Usage-based upsell: an upgrade within the week ends it after one email', async () => {
      const { handle } = await start(template('usage-based-upsell'), {
        event: { name: 'Usage Limit Approached', properties: { percentOfLimit: 92 } },
        person: person(),
        account: account({ name: 'Acme', plan: 'starter' }),
      });
      await advanceUntilWaitOpened(handle, 'await-upgrade');
      await handle.signal(eventReceivedSignal, received('await-upgrade', 'Plan Upgraded'));
      await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['has-email', 'offer-hours', 'upgrade-email', 'await-upgrade', 'upgraded'] });
      expect(mails()).toEqual([{ to: ['ada@acme.test'], subject: 'Your team has outgrown the starter plan' }]);
      expect(mailText('Your team has outgrown the starter plan')).toContain('Your team is at 92% of the plan limit.');
    });

    it('Churn prevention: a support check-in, then the win-back email when the person does not come back', async () => {
      const { result } = await runToEnd(template('churn-prevention-inactivity'), { person: person(), account: account({ name: 'Acme' }) });
      expect(result).toEqual({
        status: 'completed',
        path: ['has-email', 'check-in-hours', 'support-check-in', 'await-return', 'win-back-hours', 'win-back', 'await-return-again', 'not-back'],
      });
      expect(mails()).toEqual([
        { to: ['ada@acme.test'], subject: 'Can we help, Ada?' },
        { to: ['ada@acme.test'], subject: 'Your Acme workspace is ready when you are' },
      ]);
    });

    it('30-day onboarding checklist: every nudge when no milestone is reached, the survey on day 30', async () => {
      const { input, result } = await runToEnd(template('onboarding-activation-30-day'), { event: { name: 'Signed Up', properties: {} }, person: person() });
      expect(result).toEqual({
        status: 'completed',
        path: [
          'has-email',
          'welcome',
          'await-invite',
          'invite-nudge',
          'await-integration',
          'integration-nudge',
          'await-collaboration',
          'success-check-in',
          'until-day-30',
          'feedback-survey',
          'done',
        ],
      });
      expect(mails()).toEqual(
        [
          'Welcome! Create your first project',
          'Maximize value: invite your team now',
          'Connect Google Drive to streamline workflows',
          'Quick check-in: need help with team features?',
          "How's your experience so far?",
        ].map((subject) => ({ to: ['ada@acme.test'], subject })),
      );
      // The day marks of the checklist: 3, 7, 14 and 30 days after sign-up.
      const day = (stepId: string) => Math.round(completedAfterMs(input.runId, stepId) / DAY_MS);
      expect(['invite-nudge', 'integration-nudge', 'success-check-in', 'feedback-survey'].map(day)).toEqual([3, 7, 14, 30]);
    });

    it('30-day onboarding checklist: a team invited on day 1 skips the invite nudge', async () => {
      const { handle } = await start(template('onboarding-activation-30-day'), { event: { name: 'Signed Up', properties: {} }, person: person() });
      await waitOpened(handle, 'await-invite');
      await env.sleep('1d');
      await handle.signal(eventReceivedSignal, received('await-invite', 'User Invited'));
      const result = await handle.result();
      expect(result.path.slice(0, 5)).toEqual(['has-email', 'welcome', 'await-invite', 'await-integration', 'integration-nudge']);
      expect(result.path).not.toContain('invite-nudge');
      expect(mails().map((mail) => mail.subject)).not.toContain('Maximize value: invite your team now');
      expect(mails()).toHaveLength(4);
    });

    it.each([
      ['sdr-follow-up-sla', ['notify-sdr', 'await-follow-up', 'escalate-to-manager', 'escalated'], ['sam.sdr@acme.test', 'morgan.manager@acme.test']],
      ['ae-escalation-sla', ['alert-ae', 'await-call', 'escalate-to-manager', 'escalated'], ['alex.ae@acme.test', 'morgan.manager@acme.test']],
    ])('%s: the owner is told, and the manager when the SLA passes', async (id, path, recipients) => {
      const { result } = await runToEnd(template(id), {
        event: { name: 'Feature Used', properties: {} },
        person: person(),
        account: account({ name: 'Initech', sdrEmail: 'sam.sdr@acme.test', aeEmail: 'alex.ae@acme.test', salesManagerEmail: 'morgan.manager@acme.test' }),
      });
      expect(result).toEqual({ status: 'completed', path });
      expect(mails().map((mail) => mail.to[0])).toEqual(recipients);
    });
  });
});
