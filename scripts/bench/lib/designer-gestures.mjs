// The gestures the designer benchmark times, paced like a person's mouse: one input event per 60 Hz frame
// (a real mouse reports at 125 Hz or more, and Chromium coalesces its moves to one per frame). Firing events
// as fast as CDP takes them would measure the input queue rather than the canvas.
import { emptyPanePoint, grabbableStep } from './designer-browser.mjs';

const EVENT_INTERVAL_MS = 1000 / 60;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `step(elapsedMs)` once per frame slot for `durationMs`; a late slot is skipped, not queued. */
async function paced(durationMs, step) {
  const started = performance.now();
  for (let slot = 0; ; slot++) {
    const due = started + slot * EVENT_INTERVAL_MS;
    const now = performance.now();
    if (now - started >= durationMs) return;
    if (due < now - EVENT_INTERVAL_MS) continue;
    if (due > now) await sleep(due - now);
    await step(performance.now() - started);
  }
}

/** A point going round a circle of `radius` from `origin` (where it starts and ends), once per `periodMs`. */
const circle = (origin, radius, periodMs) => (elapsed) => {
  const angle = (2 * Math.PI * elapsed) / periodMs;
  return { x: origin.x + radius * Math.sin(angle), y: origin.y + radius * (1 - Math.cos(angle)) / 1.5 };
};

// Each gesture finds where to act (hit tests, not timed) before the frame recorder starts, then acts.

/** Drags the empty canvas round in circles: React Flow pans the viewport. */
async function panCanvas(page, durationMs, { point }) {
  const at = circle(point, 150, 1500);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await paced(durationMs, async (elapsed) => {
    const { x, y } = at(elapsed);
    await page.mouse.move(x, y);
  });
  await page.mouse.move(point.x, point.y);
  await page.mouse.up();
}

/** Drags a step node round in circles and drops it where it was picked up (one history step on release). */
async function dragNode(page, durationMs, { grab }) {
  const at = circle(grab, 120, 1500);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await paced(durationMs, async (elapsed) => {
    const { x, y } = at(elapsed);
    await page.mouse.move(x, y);
  });
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.up();
}

/** Wheel in for half a second, out for half a second, over the middle of the canvas (back to the start zoom). */
async function zoomCanvas(page, durationMs, { box }) {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const halfCycles = Math.max(2, 2 * Math.round(durationMs / 1000));
  const perHalf = Math.round(durationMs / halfCycles / EVENT_INTERVAL_MS);
  let sent = 0;
  await paced(durationMs, async () => {
    const zoomingIn = Math.floor(sent / perHalf) % 2 === 0;
    sent++;
    await page.mouse.wheel(0, zoomingIn ? -20 : 20);
  });
}

export const SCENARIOS = [
  { key: 'pan', title: 'Pan (drag the empty canvas)', prepare: emptyPanePoint, run: panCanvas },
  { key: 'drag', title: 'Drag a node', prepare: grabbableStep, run: dragNode },
  { key: 'zoom', title: 'Zoom (mouse wheel in and out)', prepare: emptyPanePoint, run: zoomCanvas },
];
