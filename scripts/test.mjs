#!/usr/bin/env node
// `npm test`: install, make sure the Temporal binaries are there, build, then run every Jest project
// from the root. Extra arguments go to Jest (`npm test -- backend/src/ingest`). Exits with Jest's code.
import { spawn } from 'node:child_process';
import { ensureTemporalCli, ensureTemporalTestServer } from './ensure-temporal.mjs';
import { colours, fail, say, UserFacingError } from './lib/console.mjs';
import { findOnPath, isExecutableFile } from './lib/find-executable.mjs';
import { buildAll, ensureNodeModules, nxEnv } from './lib/prepare.mjs';
import { fromRoot, packageBin, repoRoot } from './lib/repo-root.mjs';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH if set (and real), else a system Chromium, else undefined. */
function findChromium(env) {
  if (env.CHROMIUM_PATH) {
    if (!isExecutableFile(env.CHROMIUM_PATH)) throw new UserFacingError(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file.`);
    return env.CHROMIUM_PATH;
  }
  return CHROMIUM_CANDIDATES.find(isExecutableFile) ?? findOnPath('chromium', env) ?? findOnPath('chromium-browser', env);
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, so the summary never shows a password. */
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(set, but not a URL)';
  }
}

function describeBackends(env, chromium) {
  const lines = [
    ['PostgreSQL', env.DATABASE_URL ? `${redactUrl(env.DATABASE_URL)} (database suites run on SQLite and PostgreSQL)` : 'DATABASE_URL is not set (database suites run on SQLite only)'],
    ['Chromium', chromium ?? 'not found, set CHROMIUM_PATH (browser tests cannot run without it)'],
  ];
  return lines;
}

function runJest(args, env) {
  return new Promise((resolve) => {
    const jest = spawn(process.execPath, [packageBin('jest'), '--config', fromRoot('jest.config.js'), ...args], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    // Ctrl-C reaches Jest from the terminal directly; we only wait for it to clean up. SIGTERM is passed on.
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => jest.kill('SIGTERM'));
    jest.once('error', (error) => {
      fail(`Could not start Jest: ${error.message}`);
      resolve(1);
    });
    jest.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const showLines = (lines) => lines.map(([label, value]) => `  ${`${label}:`.padEnd(14)}${value}`).join('\n');

async function main() {
  const chromium = findChromium(process.env);
  say(`Optional backends:\n${showLines(describeBackends(process.env, chromium))}`);
  ensureNodeModules();
  const temporalCli = ensureTemporalCli({ log: say });
  const temporalTestServer = ensureTemporalTestServer({ log: say });
  say(`Temporal:\n${showLines([['CLI', temporalCli], ['Test server', temporalTestServer]])}`);
  buildAll();

  const env = {
    ...process.env,
    ...nxEnv,
    TEMPORAL_CLI_PATH: temporalCli,
    TEMPORAL_TEST_SERVER_PATH: temporalTestServer,
    ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
  };
  const code = await runJest(process.argv.slice(2), env);
  say(code === 0 ? colours.green('Jest finished: every test passed.') : colours.red(`Jest exited with code ${code}.`));
  process.exit(code);
}

main().catch((error) => {
  fail(error instanceof UserFacingError ? error.message : (error.stack ?? String(error)));
  process.exit(1);
});
