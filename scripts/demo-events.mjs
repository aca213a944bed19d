#!/usr/bin/env node
// `npm run demo:events`: sends a synthetic product event stream (libs/scoring's generator: N accounts
// over D days, a known share of them converting) to a running API through the Segment-compatible
// /v1/batch endpoint, so the designer, scores and triggers have something to show.
//
//   npm run demo:events -- [--api http://localhost:3000] [--accounts 50] [--days 30] [--seed 1] [--write-key KEY]
//
// The write key comes from --write-key, else TRIPLINE_WRITE_KEY, else the local stack's
// <data dir>/dev-secrets.json (what `npm start` uses). It is never printed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fail, say, UserFacingError } from './lib/console.mjs';
import { DEV_SECRETS_FILE } from './lib/dev-secrets.mjs';
import { fromRoot, repoRoot } from './lib/repo-root.mjs';

const DAY_MS = 86_400_000;
/** Items per request: well under the 500 KB batch limit for these small calls. */
const BATCH_SIZE = 200;

const OPTIONS = {
  api: { kind: 'url', fallback: 'http://localhost:3000' },
  accounts: { kind: 'count', fallback: 50 },
  days: { kind: 'count', fallback: 30 },
  seed: { kind: 'count', fallback: 1 },
  'write-key': { kind: 'text', fallback: undefined },
};

function parseArguments(argv) {
  const values = Object.fromEntries(Object.entries(OPTIONS).map(([name, { fallback }]) => [name, fallback]));
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index].replace(/^--/, '');
    const option = OPTIONS[name];
    if (!argv[index].startsWith('--') || !option) {
      throw new UserFacingError(`Unknown option ${argv[index]}. Known: ${Object.keys(OPTIONS).map((known) => `--${known}`).join(' ')}`);
    }
    const raw = argv[index + 1];
    if (raw === undefined) throw new UserFacingError(`--${name} needs a value`);
    index += 1;
    if (option.kind === 'count') {
      const count = Number(raw);
      if (!Number.isInteger(count) || count < 1) throw new UserFacingError(`--${name} must be a whole number ≥ 1, not "${raw}"`);
      values[name] = count;
    } else if (option.kind === 'url') {
      if (!/^https?:\/\/[^/]+/.test(raw)) throw new UserFacingError(`--${name} must be an http(s) URL such as http://localhost:3000, not "${raw}"`);
      values[name] = raw.replace(/\/+$/, '');
    } else {
      values[name] = raw;
    }
  }
  return values;
}

function resolveWriteKey(flagValue) {
  if (flagValue) return flagValue;
  if (process.env.TRIPLINE_WRITE_KEY) return process.env.TRIPLINE_WRITE_KEY;
  const file = path.join(path.resolve(repoRoot, process.env.TRIPLINE_DATA_DIR || '.data'), DEV_SECRETS_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof stored?.writeKey === 'string' && stored.writeKey !== '') return stored.writeKey;
  }
  throw new UserFacingError('No write key: pass --write-key, set TRIPLINE_WRITE_KEY, or start the stack with `npm start` first.');
}

function loadScoring() {
  const dist = fromRoot('libs', 'scoring', 'dist', 'index.js');
  if (!existsSync(dist)) throw new UserFacingError('libs/scoring is not built: run `npx tsc -p libs/scoring/tsconfig.build.json` (or `npm run build`) first.');
  return createRequire(import.meta.url)(dist);
}

async function sendBatch(api, writeKey, batch) {
  const response = await fetch(`${api}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
  });
  if (!response.ok) {
    const body = await response.text();
    throw new UserFacingError(`${api}/v1/batch answered ${response.status}: ${body.slice(0, 500)}`);
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const writeKey = resolveWriteKey(options['write-key']);
  const { generateEvents, segmentCallsOf } = loadScoring();
  // The period ends now, so scores, windows and inactivity read as current.
  const start = Date.now() - options.days * DAY_MS;
  const dataset = generateEvents({ accounts: options.accounts, days: options.days, seed: options.seed, start });
  const calls = segmentCallsOf(dataset);
  say(`sending ${calls.length} calls (${dataset.events.length} events) for ${options.accounts} accounts over ${options.days} days to ${options.api} …`);
  for (let offset = 0; offset < calls.length; offset += BATCH_SIZE) {
    try {
      await sendBatch(options.api, writeKey, calls.slice(offset, offset + BATCH_SIZE));
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      throw new UserFacingError(`Cannot reach ${options.api} (${error.cause?.code ?? error.message}). Is the API running (\`npm start\`)?`);
    }
  }
  say(`done. ${dataset.converters.length} accounts convert ("Order Completed"): ${dataset.converters.slice(0, 10).join(', ')}${dataset.converters.length > 10 ? ', …' : ''}`);
}

main().catch((error) => {
  fail(error instanceof UserFacingError ? error.message : error.stack);
  process.exit(1);
});
