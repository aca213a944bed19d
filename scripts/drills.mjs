#!/usr/bin/env node
// `npm run drills`: install, make sure the Temporal CLI is there, build, then run the fault and abuse
// drills (drills/src/main.ts, TypeScript loaded as Jest loads it) and rewrite docs/reliability.md.
// Arguments go to the drills: `npm run drills -- ssrf 4 --short`. --skip-build skips the build.
import { spawn } from 'node:child_process';
import { ensureTemporalCli } from './ensure-temporal.mjs';
import { fail, say, UserFacingError } from './lib/console.mjs';
import { buildAll, ensureNodeModules } from './lib/prepare.mjs';
import { fromRoot, repoRoot } from './lib/repo-root.mjs';

const args = process.argv.slice(2);
try {
  ensureNodeModules();
  const temporalCli = ensureTemporalCli({ log: say });
  if (!args.includes('--skip-build')) buildAll();
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '-r', fromRoot('scripts/lib/typescript-hook.cjs'), fromRoot('drills/src/main.ts'), ...args.filter((a) => a !== '--skip-build')],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, TEMPORAL_CLI_PATH: temporalCli } },
  );
  process.on('SIGINT', () => {}); // Ctrl-C reaches the drills directly; they stop what they started
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
  fail(error instanceof UserFacingError ? error.message : (error.stack ?? String(error)));
  process.exit(1);
}
