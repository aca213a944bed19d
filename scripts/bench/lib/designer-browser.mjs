// The browser side of the designer benchmark: headless Chromium at 1280×800 (the smallest screen the designer is
// built for), signed in, a playbook opened on the editor canvas, and a frame recorder that keeps the page's
// requestAnimationFrame timestamps while a gesture runs.
import { createRequire } from 'node:module';
import path from 'node:path';

export const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(root) {
  const { chromium } = createRequire(path.join(root, 'package.json'))('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A page signed in to the designer (the session persists in localStorage, so later navigations stay signed in). */
export async function signedInPage(browser, designerUrl, admin) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(designerUrl);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'New playbook' }).waitFor();
  return { page, errors };
}

/**
 * Opens the playbook's editor and waits until its nodes are drawn: the trigger and at least one step on the
 * canvas, every node on it measured (React Flow hides a node until it knows its size), and the same nodes two
 * polls in a row. Resolves the milliseconds from navigation to then. Only the nodes on screen may be in the DOM
 * (React Flow's onlyRenderVisibleElements), so the count is not the playbook's size.
 */
export async function openPlaybook(page, designerUrl, playbookId) {
  const started = Date.now();
  await page.goto(`${designerUrl}/playbooks/${playbookId}`);
  await page.waitForFunction(
    () => {
      const nodes = [...document.querySelectorAll('[data-testid="editor-canvas"] .react-flow__node')];
      const drawn = nodes.length > 1 && nodes.every((node) => node.style.visibility !== 'hidden');
      const key = drawn ? nodes.map((node) => node.getAttribute('data-id')).join(',') : '';
      const stable = drawn && window.__triplineDrawn === key;
      window.__triplineDrawn = key;
      return stable;
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const openMs = Date.now() - started;
  // The editor frames a newly opened playbook one animation frame after it mounts; let that and the first paints settle.
  await settle(page, 800);
  return openMs;
}

/** Waits `ms` and two more animation frames, so the previous gesture's last updates are painted. */
export async function settle(page, ms) {
  await page.waitForTimeout(ms);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Starts keeping the rAF timestamps of every frame. */
export async function startFrameRecorder(page) {
  await page.evaluate(() => {
    const recorder = { times: [], running: true };
    const tick = (time) => {
      if (!recorder.running) return;
      recorder.times.push(time);
      requestAnimationFrame(tick);
    };
    window.__triplineFrames = recorder;
    requestAnimationFrame(tick);
  });
}

/** Stops the recorder and resolves the timestamps it kept. */
export async function stopFrameRecorder(page) {
  return page.evaluate(() => {
    const recorder = window.__triplineFrames;
    recorder.running = false;
    return recorder.times;
  });
}

/** The canvas pane's box on screen, and a point on it where no node, edge, minimap or control is. */
export async function emptyPanePoint(page) {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="editor-canvas"] .react-flow__pane');
    if (!pane) return null;
    const box = pane.getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    // Nearest the middle first; hit tests are dear with hundreds of nodes, so stop at the first empty spot.
    const candidates = [];
    for (let y = box.top + 40; y < box.bottom - 40; y += 20) {
      for (let x = box.left + 40; x < box.right - 40; x += 20) candidates.push({ x, y, distance: Math.hypot(x - centre.x, y - centre.y) });
    }
    candidates.sort((a, b) => a.distance - b.distance);
    const point = candidates.find(({ x, y }) => document.elementFromPoint(x, y) === pane) ?? null;
    return { box: { x: box.left, y: box.top, width: box.width, height: box.height }, point };
  });
  if (!found?.point) throw new Error('found no empty spot on the canvas to grab');
  return found;
}

/** The step node nearest the middle of the pane whose header is visible and can be grabbed. */
export async function grabbableStep(page) {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="editor-canvas"] .react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    const centre = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    let best = null;
    for (const node of document.querySelectorAll('[data-testid="editor-canvas"] .react-flow__node-step')) {
      const box = node.getBoundingClientRect();
      // The kind line at the top of the node: not a handle, well inside the node.
      const grab = { x: box.left + box.width / 2, y: box.top + Math.min(12, box.height / 4) };
      if (grab.x < pane.left + 150 || grab.x > pane.right - 250 || grab.y < pane.top + 150 || grab.y > pane.bottom - 150) continue;
      if (!node.contains(document.elementFromPoint(grab.x, grab.y))) continue;
      const distance = Math.hypot(grab.x - centre.x, grab.y - centre.y);
      if (!best || distance < best.distance) best = { id: node.getAttribute('data-id'), grab, distance };
    }
    return best;
  });
  if (!found) throw new Error('found no step node to drag in the middle of the canvas');
  return found;
}
