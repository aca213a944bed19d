/**
 * The canvas editor in a real browser against the real stack (`npm start`): sign in, create a
 * playbook, drag two palette items onto the canvas, connect them by dragging from one node's output
 * handle to the other's input, save, reload, and find both steps and the connection again — in the
 * draft the API stores, too; then configure the email's subject in the node panel and see its preview.
 * At 1280×800, the smallest screen the designer is built for.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { gqlData } from './support/graphql';
import { LocalStack, newStackSettings } from './support/local-stack';
import { centreOf, dragBetween } from './support/pointer-gestures';

jest.setTimeout(240_000);

const VIEWPORT = { width: 1280, height: 800 };

describe('the canvas editor: build a playbook by drag and drop', () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = new LocalStack(await newStackSettings());
    await stack.start();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    stack?.removeData();
  });

  it('drags two steps onto a new playbook, connects them, saves, and finds them after a reload', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(stack.designerUrl);
    await page.getByLabel('Email').fill(stack.settings.adminEmail);
    await page.getByLabel('Password').fill(stack.settings.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'New playbook' }).click();
    await page.getByLabel('New playbook name').fill('Built on the canvas');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Built on the canvas' }).waitFor();
    const playbookUrl = page.url();

    const canvas = page.getByTestId('editor-canvas');
    await canvas.locator('.react-flow__node[data-id="has-email"]').waitFor();
    const pane = canvas.locator('.react-flow__pane');
    const paneBox = (await pane.boundingBox())!;
    // The canvas has room at 1280×800 next to the palette and the side panel.
    expect(paneBox.width).toBeGreaterThan(600);
    expect(paneBox.height).toBeGreaterThan(400);

    // HTML5 drag and drop from the palette; the step lands where it is dropped (centred on the pointer).
    const dropAt = { x: 110, y: 60 };
    await page.getByRole('button', { name: 'Add Wait', exact: true }).dragTo(pane, { targetPosition: dropAt });
    const wait = canvas.locator('.react-flow__node[data-id="wait-1"]');
    await wait.waitFor();
    const waitCentre = await centreOf(wait);
    expect(Math.abs(waitCentre.x - (paneBox.x + dropAt.x))).toBeLessThan(40);
    await page.getByRole('button', { name: 'Add Email', exact: true }).dragTo(pane, { targetPosition: { x: paneBox.width - 110, y: 60 } });
    const email = canvas.locator('.react-flow__node[data-id="email-1"]');
    await email.waitFor();
    await expect(email.textContent()).resolves.toContain('Email: Hello');

    // Tidy up so nothing overlaps, then see it all.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await canvas.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(300);

    await dragBetween(page, wait.locator('.react-flow__handle.source'), email.locator('.react-flow__handle.target'));
    await canvas.locator('[aria-label="From wait-1 to email-1"]').first().waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

    const shots = process.env.TRIPLINE_E2E_SCREENSHOTS;
    if (shots) await page.screenshot({ path: `${shots}/canvas-editor.png` });

    await page.goto(playbookUrl);
    await canvas.locator('.react-flow__node[data-id="wait-1"]').waitFor();
    await canvas.locator('.react-flow__node[data-id="email-1"]').waitFor();
    await canvas.locator('[aria-label="From wait-1 to email-1"]').first().waitFor();
    if (shots) await page.screenshot({ path: `${shots}/canvas-editor-reloaded.png` });

    // What the API stores: the draft document with both steps, their positions and the edge.
    const login = await gqlData(
      stack.apiUrl,
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: stack.settings.adminEmail, password: stack.settings.adminPassword },
    );
    const id = playbookUrl.split('/').pop()!;
    const { playbook } = await gqlData(stack.apiUrl, `query($id: ID!) { playbook(id: $id) { draft } }`, { id }, login.login.token);
    expect(playbook.draft.nodes['wait-1']).toMatchObject({ kind: 'wait', for: '2d' });
    expect(playbook.draft.nodes['email-1']).toMatchObject({ kind: 'action', connector: 'email', action: 'send' });
    expect(playbook.draft.edges).toContainEqual({ from: 'wait-1', to: 'email-1' });
    expect(Object.keys(playbook.draft.layout)).toEqual(expect.arrayContaining(['wait-1', 'email-1']));
    expect(pageErrors).toEqual([]);

    // One drag is one undoable step; Delete and Ctrl+Z work on the canvas.
    const reloadedWait = canvas.locator('.react-flow__node[data-id="wait-1"]');
    const before = (await reloadedWait.boundingBox())!;
    const grab = { x: before.x + before.width / 2, y: before.y + 12 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(grab.x - step * 8, grab.y - step * 4);
    await page.mouse.up();
    await expect(page.getByRole('button', { name: 'Undo' }).getAttribute('title')).resolves.toBe('Undo Move (Ctrl+Z)');
    const moved = (await reloadedWait.boundingBox())!;
    expect(Math.round(before.x - moved.x)).toBeGreaterThan(60);
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
    const back = (await reloadedWait.boundingBox())!;
    expect(Math.abs(back.x - before.x)).toBeLessThan(2);

    await reloadedWait.click();
    await page.getByRole('region', { name: 'Selected step' }).getByText('wait-1').waitFor();
    await page.keyboard.press('Delete');
    await reloadedWait.waitFor({ state: 'detached' });
    await expect(canvas.locator('[aria-label="From wait-1 to email-1"]').count()).resolves.toBe(0);
    await page.keyboard.press('Control+z');
    await reloadedWait.waitFor();
    await canvas.locator('[aria-label="From wait-1 to email-1"]').first().waitFor();

    // The node panel: the email's subject typed there previews against the sample profile and shows on the node.
    await canvas.locator('.react-flow__node[data-id="email-1"]').click();
    const panel = page.getByRole('region', { name: 'Selected step' });
    await panel.getByText('irreversible', { exact: true }).waitFor();
    const subject = panel.getByRole('textbox', { name: /^Subject/ });
    await subject.fill('A demo for {{ account.traits.name }}, {{ person.traits.firstName }}');
    await panel.getByRole('region', { name: 'Preview of Subject' }).getByText('A demo for Northwind Analytics, Maya').waitFor();
    await expect(canvas.locator('.react-flow__node[data-id="email-1"]').textContent()).resolves.toContain('Email: A demo for {{ account.traits.name }}');
    await subject.fill('Hi {{ person.traits.firstName | shout }}');
    await panel.getByText(/undefined filter: shout/).waitFor();
    if (shots) await page.screenshot({ path: `${shots}/canvas-editor-panel.png` });
    expect(pageErrors).toEqual([]);
  });
});
