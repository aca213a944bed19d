// `npm run audit:verify` / `npm run audit:export`: runs the audit command of the built API
// (backend/dist/audit/cli/main.js; logic in backend/src/audit/cli/audit-command.ts), building the
// backend first when it has not been built. Without TRIPLINE_SECRET_KEY in the environment it uses
// the local stack's secrets from <data dir>/dev-secrets.json (written by `npm start`), if present.
// Build output goes to stderr: stdout carries only the command's result (an export is JSON lines).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nxEnv } from './lib/prepare.mjs';
import { fromRoot, packageBin, repoRoot } from './lib/repo-root.mjs';

const cli = fromRoot('backend', 'dist', 'audit', 'cli', 'main.js');

if (!existsSync(cli)) {
  console.error('tripline: building the backend first (nx run @tripline/backend:build) …');
  const build = spawnSync(process.execPath, [packageBin('nx'), 'run', '@tripline/backend:build'], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, ...nxEnv },
  });
  if (build.status !== 0 || !existsSync(cli)) {
    console.error('tripline: the build failed; see its output above.');
    process.exit(2);
  }
}

/** The local stack's secrets when the environment has none (an explicit variable always wins). */
function devSecretsEnv(env) {
  if (env.TRIPLINE_SECRET_KEY) return {};
  const file = path.join(path.resolve(repoRoot, env.TRIPLINE_DATA_DIR || '.data'), 'dev-secrets.json');
  if (!existsSync(file)) return {};
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  return {
    ...(stored.secretKey ? { TRIPLINE_SECRET_KEY: stored.secretKey } : {}),
    ...(!env.TRIPLINE_INTERNAL_TOKEN && stored.internalToken ? { TRIPLINE_INTERNAL_TOKEN: stored.internalToken } : {}),
  };
}

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, ...devSecretsEnv(process.env) },
});
process.exit(result.status ?? 2);
