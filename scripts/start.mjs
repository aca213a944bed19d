#!/usr/bin/env node
// `npm start`: install, build, then run Temporal, the mail catcher, the API, the worker and the designer
// until Ctrl-C. Options: --skip-install, --skip-build (used by tests that have already built),
// --no-worker (the worker is run by someone else: the test that kills it and starts it again),
// --no-temporal (a Temporal server on TEMPORAL_PORT is run by someone else: the drill that stops and restarts it).
import { ensureTemporalCli } from './ensure-temporal.mjs';
import { colours, fail, say, UserFacingError } from './lib/console.mjs';
import { buildAll, ensureNodeModules } from './lib/prepare.mjs';
import { readyBanner } from './lib/ready-banner.mjs';
import { assertBuilt, assertStackPortsFree, StackFailure, startStack } from './lib/stack.mjs';
import { resolveStackConfig } from './lib/stack-config.mjs';
import { Supervisor } from './lib/supervisor.mjs';

const KNOWN_FLAGS = new Set(['--skip-install', '--skip-build', '--no-worker', '--no-temporal']);
const flags = new Set(process.argv.slice(2));
const without = [...(flags.has('--no-temporal') ? ['temporal'] : []), ...(flags.has('--no-worker') ? ['worker'] : [])];
const supervisor = new Supervisor();
let shuttingDown = false;

function printLastLines(child, headline) {
  fail(`${headline}. Last log lines of ${child.name}:`);
  for (const line of child.lastLines.slice(-20)) console.error(`  ${colours.dim(line)}`);
}

async function shutDown(exitCode, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) say(reason);
  await supervisor.stopAll();
  process.exit(exitCode);
}

// Installed before anything starts, so Ctrl-C during start-up also stops what has started.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void shutDown(0, `${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping every process …`));
}

async function main() {
  const unknown = [...flags].filter((flag) => !KNOWN_FLAGS.has(flag));
  if (unknown.length > 0) throw new UserFacingError(`Unknown option ${unknown.join(' ')}. Known: ${[...KNOWN_FLAGS].join(' ')}`);

  const config = resolveStackConfig();
  await assertStackPortsFree(config, without); // a taken port fails before the slow steps
  if (!flags.has('--skip-install')) ensureNodeModules();
  const temporalCli = ensureTemporalCli({ log: say });
  if (!flags.has('--skip-build')) buildAll();
  assertBuilt(config);

  say('Starting Temporal, mail catcher, API, worker and designer …');
  const { secrets } = await startStack(config, {
    temporalCli,
    supervisor,
    without,
    onUnexpectedExit: (child) => {
      if (shuttingDown) return;
      printLastLines(child, `${child.name} ${child.describeExit()}`);
      void shutDown(1, 'Stopping the other processes …');
    },
  });
  if (shuttingDown) return;
  if (secrets.generated.length > 0) say(`New development secrets were written to ${secrets.file}`);
  console.log(`\n${readyBanner(config, secrets)}\n`);
}

main().catch(async (error) => {
  if (shuttingDown) return; // a signal arrived during start-up; shutDown() exits
  if (error instanceof StackFailure) printLastLines(error.child, error.message);
  else fail(error instanceof UserFacingError ? error.message : (error.stack ?? String(error)));
  await shutDown(1);
});
