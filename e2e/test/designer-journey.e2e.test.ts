/**
 * The designer's main journey in a real browser against the real stack (`npm start`: Temporal, API,
 * worker, mail catcher, designer), at 1280×800: an admin signs in, creates a playbook and builds it
 * from the palette by drag and drop (a product-event trigger, an approval gate, an email), configures
 * each node in the side panel (the email's Liquid templates with their live preview), saves and
 * publishes it; events arrive through the Segment-compatible `/v1/batch`; the run lights up on the
 * run view's canvas as `runUpdated` pushes come in (the gate waiting); an approver approves it from
 * the approvals inbox with a comment; the admin's run view, never reloaded, shows the email step done,
 * and the rendered email is in the mail catcher. Roles: a viewer sees the playbook but cannot edit it.
 *
 * Screenshots of each milestone are written to e2e/artifacts/designer-journey/*.png and kept as test
 * artefacts (git-ignored) for a person to look at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { gqlData } from './support/graphql';
import { LocalStack, newStackSettings, REPO_ROOT } from './support/local-stack';
import { dragBetween } from './support/pointer-gestures';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

const VIEWPORT = { width: 1280, height: 800 };
const SHOTS = path.join(REPO_ROOT, 'e2e', 'artifacts', 'designer-journey');
/** Playwright's waits on a loaded 2-core machine: generous, but a stuck page still fails in time. */
const UI_TIMEOUT_MS = 45_000;

const PLAYBOOK_NAME = 'Seat expansion approval';
const TRIGGER_EVENT = 'Seats Requested';
const GATE_LABEL = 'Approve the expansion offer';
const APPROVER = { email: 'approver@example.test', name: 'Avery Approver', password: 'approver password long enough', role: 'approver' };
const VIEWER = { email: 'viewer@example.test', name: 'Vic Viewer', password: 'viewer password long enough', role: 'viewer' };
const SUBJECT_TEMPLATE = 'Your {{ event.properties.seatsRequested }}-seat upgrade, {{ person.traits.firstName }}';
const TEXT_TEMPLATE = [
  'Hi {{ person.traits.firstName }},',
  '',
  '{{ account.traits.name }} asked for {{ event.properties.seatsRequested }} seats on the {{ event.properties.plan }} plan.',
  'Your account executive will send the offer today.',
].join('\n');

interface MailboxMessage {
  to: string[] | string;
  subject: string;
  text: string;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Waits until an element stops moving (a fit-view animation has ended). */
async function settled(locator: Locator): Promise<void> {
  let last = '';
  await waitFor(
    'the canvas to stop moving',
    async () => {
      const box = JSON.stringify(await locator.boundingBox());
      const still = box === last;
      last = box;
      return still;
    },
    { timeoutMs: 10_000, intervalMs: 150 },
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A step on a canvas by its accessible name, `<Kind> step "<label>"` — on a run followed by the
 * step's status, `(waiting)` — then its summary.
 */
function stepNode(scope: Page | Locator, kind: string, label: string, status?: string): Locator {
  const name = `${kind} step "${label}"${status ? ` (${status})` : ''}:`;
  return scope.getByRole('group', { name: new RegExp(`^${escapeRegExp(name)}`) });
}

async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('the designer journey: build, publish, run, approve, email', () => {
  let stack: LocalStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let admin: Page;
  let playbookUrl: string;
  let runUrl: string;
  /** Every graphql-ws message the admin's page received (the `runUpdated` pushes among them). */
  const adminFrames: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    stack = new LocalStack(await newStackSettings());
    await stack.start();
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    for (const member of [APPROVER, VIEWER]) {
      const added = await gqlData(
        stack.apiUrl,
        `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { email role } }`,
        { input: member },
        login.login.token,
      );
      expect(added.addWorkspaceMember).toEqual({ email: member.email, role: member.role });
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    stack?.removeData();
  });

  it('builds the playbook from the palette, configures each node in the side panel, saves and publishes it', async () => {
    admin = await newPage();
    admin.on('websocket', (socket) => socket.on('framereceived', (frame) => typeof frame.payload === 'string' && adminFrames.push(frame.payload)));
    await signIn(admin, stack.designerUrl, stack.settings.adminEmail, stack.settings.adminPassword);
    await screenshot(admin, '01-signed-in');

    await admin.getByRole('button', { name: 'New playbook' }).click();
    await admin.getByLabel('New playbook name').fill(PLAYBOOK_NAME);
    await admin.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('heading', { name: PLAYBOOK_NAME }).waitFor();
    playbookUrl = admin.url();

    // The starter playbook goes: this one is built from the palette.
    const canvas = admin.getByRole('application', { name: 'Playbook canvas' });
    const starter: [string, string, string][] = [
      ['Condition', 'Has an email address?', 'has-email'],
      ['Action', 'Confirm the demo request', 'send-confirmation'],
      ['End', 'No address to write to', 'no-email'],
      ['End', 'Confirmation sent', 'done'],
    ];
    for (const [kind, label, id] of starter) {
      await stepNode(canvas, kind, label).click();
      await admin.getByRole('region', { name: 'Selected step' }).getByText(id, { exact: true }).waitFor();
      await admin.keyboard.press('Delete');
      await stepNode(canvas, kind, label).waitFor({ state: 'detached' });
    }
    await expect(canvas.getByRole('group', { name: / step "/ }).count()).resolves.toBe(0); // only the trigger is left

    const pane = canvas.locator('.react-flow__pane');
    const paneBox = (await pane.boundingBox())!;
    expect(paneBox.width).toBeGreaterThan(600);
    const palette = admin.getByRole('navigation', { name: 'Palette' });
    await palette.getByRole('button', { name: 'Use trigger Product event' }).dragTo(pane, { targetPosition: { x: paneBox.width / 2, y: 60 } });
    const undo = admin.getByRole('button', { name: 'Undo', exact: true });
    await waitFor('the dropped trigger to replace the old one', async () => (await undo.getAttribute('title')) === 'Undo Set trigger (Ctrl+Z)');
    await palette.getByRole('button', { name: 'Add Approval', exact: true }).dragTo(pane, { targetPosition: { x: paneBox.width * 0.3, y: paneBox.height * 0.4 } });
    const approval = stepNode(canvas, 'Approval', 'Approval');
    await approval.waitFor();
    await palette.getByRole('button', { name: 'Add Email', exact: true }).dragTo(pane, { targetPosition: { x: paneBox.width * 0.6, y: paneBox.height * 0.55 } });
    const email = stepNode(canvas, 'Action', 'Send an email');
    await email.waitFor();

    await admin.getByRole('button', { name: 'Auto-layout' }).click();
    await canvas.getByRole('button', { name: 'Fit View' }).click();
    await settled(email);
    await dragBetween(admin, approval.getByLabel('Output of Approval', { exact: true }), email.getByLabel('Input of Send an email', { exact: true }));
    await canvas.getByRole('group', { name: 'From approval-1 to email-1' }).first().waitFor();
    // The first step added is where the playbook starts: the trigger leads to the gate.
    await canvas.getByRole('group', { name: 'From the trigger to approval-1' }).waitFor();

    // The trigger: which event starts the playbook.
    const trigger = canvas.getByRole('group', { name: /^Trigger: / });
    await trigger.click();
    const triggerPanel = admin.getByRole('region', { name: 'Selected trigger' });
    await triggerPanel.getByLabel(/^Starts when/).waitFor();
    await triggerPanel.getByLabel(/^Event/).fill(TRIGGER_EVENT);
    await canvas.getByRole('group', { name: `Trigger: When "${TRIGGER_EVENT}"` }).waitFor();

    // The approval gate: decided by one named person, not the approver role at large.
    await approval.click();
    const stepPanel = admin.getByRole('region', { name: 'Selected step' });
    await stepPanel.getByText('approval-1', { exact: true }).waitFor();
    await stepPanel.getByLabel('Label', { exact: true }).fill(GATE_LABEL);
    await stepPanel.getByRole('group', { name: 'Who decides: roles' }).getByRole('checkbox', { name: 'approver' }).uncheck();
    await stepPanel.getByRole('button', { name: 'Add person' }).click();
    await stepPanel.getByRole('textbox', { name: 'Person 1' }).fill(APPROVER.email);
    await stepNode(canvas, 'Approval', GATE_LABEL).waitFor();

    // The email: Liquid templates, each with its live preview against the sample profile.
    await email.click();
    await stepPanel.getByText('email-1', { exact: true }).waitFor();
    await stepPanel.getByRole('textbox', { name: /^To/ }).fill('{{ person.traits.email }}');
    await stepPanel.getByRole('region', { name: 'Preview of To' }).getByText('maya.chen@northwind-analytics.example').waitFor();
    await stepPanel.getByRole('textbox', { name: /^Subject/ }).fill(SUBJECT_TEMPLATE);
    await stepPanel.getByRole('region', { name: 'Preview of Subject' }).getByText('Your 40-seat upgrade, Maya', { exact: true }).waitFor();
    await stepPanel.getByRole('textbox', { name: /^Text/ }).fill(TEXT_TEMPLATE);
    const textPreview = stepPanel.getByRole('region', { name: 'Preview of Text' });
    await textPreview.getByText(/Northwind Analytics asked for 40 seats on the team plan\./).waitFor();
    await textPreview.scrollIntoViewIfNeeded();
    await screenshot(admin, '02-email-configured-with-preview');
    await expect(admin.getByRole('region', { name: 'Preview of Text' }).textContent()).resolves.not.toContain('{{');

    await admin.getByRole('button', { name: 'Save draft' }).click();
    await admin.getByText('Draft saved.').waitFor();
    await admin.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.getByText('Published version 1. New triggers run this version.').waitFor();
    await admin.getByText(/^Published v1 · updated/).waitFor();
    await screenshot(admin, '03-published');

    // What the API stores is what was built on the canvas.
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    const id = playbookUrl.split('/').pop()!;
    const { playbook } = await gqlData(stack.apiUrl, `query($id: ID!) { playbook(id: $id) { status publishedVersion draft } }`, { id }, login.login.token);
    expect(playbook).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect(playbook.draft).toMatchObject({
      trigger: { kind: 'event', event: TRIGGER_EVENT },
      start: 'approval-1',
      nodes: {
        'approval-1': { kind: 'approval', label: GATE_LABEL, assignees: { users: [APPROVER.email] } },
        'email-1': { kind: 'action', connector: 'email', action: 'send', input: { to: '{{ person.traits.email }}', subject: SUBJECT_TEMPLATE, text: TEXT_TEMPLATE } },
      },
      edges: [{ from: 'approval-1', to: 'email-1' }],
    });
    expect(Object.keys(playbook.draft.nodes).sort()).toEqual(['approval-1', 'email-1']);
    expect(playbook.draft.nodes['approval-1'].assignees.roles).toBeUndefined();
  });

  it('starts a run for the events sent to /v1/batch and shows it on the run view, the gate waiting', async () => {
    const runsLink = admin.getByRole('navigation').getByRole('link', { name: 'Runs' });
    await runsLink.click();
    await admin.getByRole('heading', { name: 'Runs' }).waitFor();

    // A Segment-compatible batch: who the person is, their account, an unrelated event and the trigger.
    const response = await fetch(`${stack.apiUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${stack.settings.writeKey}:`).toString('base64')}` },
      body: JSON.stringify({
        batch: [
          { type: 'identify', messageId: 'journey-identify-1', userId: 'user-grace', traits: { email: 'grace@example.test', firstName: 'Grace' } },
          { type: 'group', messageId: 'journey-group-1', userId: 'user-grace', groupId: 'acme-logistics', traits: { name: 'Acme Logistics' } },
          { type: 'track', messageId: 'journey-track-1', userId: 'user-grace', event: 'Pricing Page Viewed', properties: { plan: 'business' } },
          { type: 'track', messageId: 'journey-track-2', userId: 'user-grace', event: TRIGGER_EVENT, properties: { seatsRequested: 60, plan: 'business' } },
        ],
      }),
    });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ success: true });

    // The run appears in the list opened before it existed and turns "waiting": runUpdated pushes.
    const runRows = admin.getByRole('table').getByRole('row').filter({ has: admin.getByRole('link', { name: /^Run / }) });
    await runRows.filter({ hasText: 'waiting' }).waitFor({ timeout: 90_000 });
    await expect(runRows.count()).resolves.toBe(1);
    expect(
      adminFrames.some((frame) => frame.includes('"runUpdated"') && frame.includes('"status":"waiting"') && frame.includes('"approval-1"')),
    ).toBe(true);
    await runRows.getByRole('link', { name: /^Run / }).click();
    await admin.getByRole('heading', { name: new RegExp(PLAYBOOK_NAME) }).waitFor();
    runUrl = admin.url();
    expect(runUrl).toMatch(/\/runs\/[^/]+$/);

    const runCanvas = admin.getByRole('application');
    await stepNode(runCanvas, 'Approval', GATE_LABEL, 'waiting').waitFor({ timeout: 90_000 });
    // The email is not reached yet: no status in its name.
    await stepNode(runCanvas, 'Action', 'Send an email').waitFor();
    await screenshot(admin, '04-run-waiting-for-approval');
  });

  it('lets the approver approve the gate from the inbox; the open run view shows the email done and the email arrives', async () => {
    const approver = await newPage();
    await signIn(approver, stack.designerUrl, APPROVER.email, APPROVER.password);
    await approver.getByRole('navigation').getByRole('link', { name: 'Approvals' }).click();
    const gates = approver.getByRole('region', { name: 'Approval gates' });
    const entry = gates.getByRole('button', { name: new RegExp(`^${PLAYBOOK_NAME}: ${GATE_LABEL}`) });
    await entry.click();
    const detail = approver.getByRole('article', { name: `Approval gate: ${GATE_LABEL}` });
    await detail.getByText('pending', { exact: true }).waitFor();
    await detail.getByRole('textbox', { name: 'Comment' }).fill('60 seats for Acme is in budget: go ahead.');
    await screenshot(approver, '05-approvals-inbox');
    await detail.getByRole('button', { name: 'Approve', exact: true }).click();
    await detail.getByText(/Approved by Avery Approver .*60 seats for Acme is in budget: go ahead\./).waitFor();
    await screenshot(approver, '06-approved');

    // The admin's run view was never reloaded: the pushes bring the gate and the email to done.
    expect(admin.url()).toBe(runUrl);
    const runCanvas = admin.getByRole('application');
    await stepNode(runCanvas, 'Action', 'Send an email', 'completed').waitFor({ timeout: 90_000 });
    await stepNode(runCanvas, 'Approval', GATE_LABEL, 'completed').waitFor();
    await admin.locator('.page-title .badge', { hasText: 'completed' }).waitFor();
    expect(adminFrames.some((frame) => frame.includes('"runUpdated"') && frame.includes('"email-1"') && frame.includes('"status":"completed"'))).toBe(true);
    await screenshot(admin, '07-run-completed');

    const messages = await waitFor(
      'the email in the mail catcher',
      async () => {
        const list = (await (await fetch(`${stack.mailboxUrl}/api/messages`)).json()) as MailboxMessage[];
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0].to)).toContain('grace@example.test');
    expect(messages[0].subject).toBe('Your 60-seat upgrade, Grace');
    expect(messages[0].text).toContain('Hi Grace,');
    expect(messages[0].text).toContain('Acme Logistics asked for 60 seats on the business plan.');
    expect(messages[0].text).not.toContain('{{');

    // Exactly one run: the unrelated event enrolled nobody.
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    const { runs } = await gqlData(stack.apiUrl, `query { runs { status steps { stepId status } } }`, {}, login.login.token);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('completed');
  });

  it('shows a viewer the playbook without any way to edit it, and no approvals inbox', async () => {
    const viewer = await newPage();
    await signIn(viewer, stack.designerUrl, VIEWER.email, VIEWER.password);
    await expect(viewer.getByRole('navigation').getByRole('link', { name: 'Approvals' }).count()).resolves.toBe(0);
    await expect(viewer.getByRole('button', { name: 'New playbook' }).isDisabled()).resolves.toBe(true);

    await viewer.goto(playbookUrl);
    await viewer.getByRole('heading', { name: PLAYBOOK_NAME }).waitFor();
    const canvas = viewer.getByRole('application', { name: 'Playbook canvas' });
    const email = stepNode(canvas, 'Action', 'Send an email');
    await email.waitFor();
    const paletteItems = viewer.getByRole('navigation', { name: 'Palette' }).getByRole('button');
    expect(await paletteItems.count()).toBeGreaterThan(10);
    for (const item of await paletteItems.all()) {
      await expect(item.isDisabled()).resolves.toBe(true);
      await expect(item.getAttribute('draggable')).resolves.toBe('false');
    }
    for (const name of ['Save draft', 'Publish', 'Undo', 'Auto-layout']) {
      await expect(viewer.getByRole('button', { name, exact: true }).isDisabled()).resolves.toBe(true);
    }
    // The side panel shows the step, read-only.
    await email.click();
    const panel = viewer.getByRole('region', { name: 'Selected step' });
    await expect(panel.getByRole('textbox', { name: /^Subject/ }).inputValue()).resolves.toBe(SUBJECT_TEMPLATE);
    await expect(panel.getByRole('textbox', { name: /^Subject/ }).isEditable()).resolves.toBe(false);
    await expect(panel.getByRole('button', { name: 'Delete step' }).isDisabled()).resolves.toBe(true);
    // Delete on the keyboard does nothing either.
    await viewer.keyboard.press('Delete');
    await expect(email.count()).resolves.toBe(1);
    await screenshot(viewer, '08-viewer-read-only');
    expect(pageErrors).toEqual([]);
  });
});
