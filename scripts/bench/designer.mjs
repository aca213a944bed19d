#!/usr/bin/env node
// The designer benchmark (issues 7 and 8): does a 300-step playbook stay responsive on the editor canvas?
// Starts the built API (SQLite, no Temporal) and the built designer (`vite preview`), creates two generated
// drafts through GraphQL (300 and 30 steps, both valid), opens each in headless Chromium at 1280×800 and
// times the frames (requestAnimationFrame timestamps in the page) while panning the canvas, dragging a step
// and zooming with the wheel. Each run opens both playbooks afresh (interleaved, so a busy moment of the
// machine hits both sizes); the report gives per scenario the median over runs with min – max, and the ratio
// 300 / 30 steps measured in the same run.
//
// Usage: node scripts/bench/designer.mjs [--out <file>]   (build first: npx nx run-many -t build)
// Env: BENCH_RUNS (default 5), BENCH_DESIGNER_SECONDS (per gesture, default 5), CHROMIUM_PATH (/usr/bin/chromium),
// BENCH_DESIGNER_DIST (another `vite build` of the designer to serve, e.g. to compare before/after a change).
// Prints the machine, progress and finally the markdown section, which --out also writes (scripts/bench.mjs
// splices it into docs/benchmarks.md).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPlaybook, settle, signedInPage, startFrameRecorder, stopFrameRecorder, VIEWPORT } from './lib/designer-browser.mjs';
import { frameStats, OVER_BUDGET_MS, STUTTER_MS, summariseRuns, median } from './lib/designer-frame-stats.mjs';
import { SCENARIOS } from './lib/designer-gestures.mjs';
import { benchPlaybook } from './lib/designer-playbook.mjs';
import { graphql, startDesignerStack } from './lib/designer-stack.mjs';
import { designerSection } from './lib/designer-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = positiveInteger('BENCH_RUNS', 5);
const GESTURE_MS = 1000 * positiveNumber('BENCH_DESIGNER_SECONDS', 5);
const SIZES = [300, 30];
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex > 0 && !outFile) throw new Error('--out needs a file name');

function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
function positiveInteger(name, fallback) {
  const value = positiveNumber(name, fallback);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return value;
}

const log = (line) => process.stderr.write(`${line}\n`);

/** Creates the generated draft of `size` steps after checking it validates, here and in the API. */
async function createDraft(apiUrl, token, size) {
  const { validate } = createRequire(path.join(root, 'package.json'))(path.join(root, 'libs/playbook/dist/index.js'));
  const definition = benchPlaybook(size);
  const local = validate(definition);
  if (!local.ok) throw new Error(`the generated ${size}-step playbook does not validate: ${JSON.stringify(local.problems.slice(0, 3))}`);
  const { validatePlaybook } = await graphql(apiUrl, 'query($d: JSON!) { validatePlaybook(definition: $d) { ok problems { message } } }', { d: definition }, token);
  if (!validatePlaybook.ok) throw new Error(`the API refuses the generated ${size}-step playbook: ${JSON.stringify(validatePlaybook.problems.slice(0, 3))}`);
  const { createPlaybook } = await graphql(
    apiUrl,
    'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }',
    { input: { name: definition.name, definition } },
    token,
  );
  return { id: createPlaybook.id, size };
}

async function measureOnce(page, designerUrl, playbook) {
  const openMs = await openPlaybook(page, designerUrl, playbook.id);
  const result = { openMs };
  for (const scenario of SCENARIOS) {
    const target = await scenario.prepare(page);
    await startFrameRecorder(page);
    await scenario.run(page, GESTURE_MS, target);
    result[scenario.key] = frameStats(await stopFrameRecorder(page));
    await settle(page, 500);
  }
  return result;
}

const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown CPU',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  load: os.loadavg()[0],
};

const stack = await startDesignerStack(root, process.env.BENCH_DESIGNER_DIST ? { designerDist: path.resolve(process.env.BENCH_DESIGNER_DIST) } : {});
let browser;
try {
  const { login } = await graphql(stack.apiUrl, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: stack.admin.email, p: stack.admin.password });
  const playbooks = [];
  for (const size of SIZES) playbooks.push(await createDraft(stack.apiUrl, login.token, size));
  browser = await launchBrowser(root);
  machine.chromium = browser.version();
  console.log(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${machine.chromium}, load ${machine.load.toFixed(2)}`);
  const { page, errors } = await signedInPage(browser, stack.designerUrl, stack.admin);

  // One warm-up open of each (code, fonts and the catalogue cached), not counted.
  for (const playbook of playbooks) await openPlaybook(page, stack.designerUrl, playbook.id);

  const runs = Object.fromEntries(SIZES.map((size) => [size, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const playbook of playbooks) {
      const result = await measureOnce(page, stack.designerUrl, playbook);
      runs[playbook.size].push(result);
      log(
        `run ${run}/${RUNS}, ${playbook.size} steps: open ${result.openMs} ms; ` +
          SCENARIOS.map(({ key }) => `${key} ${result[key].frames} frames, median ${result[key].median.toFixed(1)} ms, p95 ${result[key].p95.toFixed(1)} ms`).join('; '),
      );
    }
  }
  if (errors.length) throw new Error(`the designer threw in the page: ${errors.join(' | ')}`);

  const summary = Object.fromEntries(
    SIZES.map((size) => [
      size,
      {
        openMs: { median: median(runs[size].map((r) => r.openMs)), min: Math.min(...runs[size].map((r) => r.openMs)), max: Math.max(...runs[size].map((r) => r.openMs)) },
        ...Object.fromEntries(SCENARIOS.map(({ key }) => [key, summariseRuns(runs[size].map((r) => r[key]))])),
      },
    ]),
  );
  // Ratios within each run, then their median: both sizes met the same machine moment.
  const ratios = Object.fromEntries(
    SCENARIOS.map(({ key }) => [
      key,
      {
        median: median(runs[300].map((r, i) => r[key].median / runs[30][i][key].median)),
        p95: median(runs[300].map((r, i) => r[key].p95 / runs[30][i][key].p95)),
      },
    ]),
  );
  const section = designerSection({
    date: new Date().toISOString().slice(0, 10),
    machine,
    runs: RUNS,
    gestureSeconds: GESTURE_MS / 1000,
    viewport: VIEWPORT,
    scenarios: SCENARIOS,
    sizes: SIZES,
    summary,
    ratios,
    thresholds: { overBudgetMs: OVER_BUDGET_MS, stutterMs: STUTTER_MS },
  });
  if (outFile) fs.writeFileSync(outFile, section);
  console.log(section);
} finally {
  await browser?.close();
  await stack.stop();
}
