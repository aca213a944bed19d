// The two steps both commands take before running anything: install dependencies when they are
// missing or stale, and build every package (Nx caches, so an unchanged tree builds in seconds).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { say, UserFacingError } from './console.mjs';
import { fromRoot, packageBin, repoRoot } from './repo-root.mjs';

const installedMarker = fromRoot('node_modules', '.package-lock.json'); // written by every npm install
const lockfile = fromRoot('package-lock.json');

/** True when node_modules is missing or older than package-lock.json. */
export function dependenciesAreStale() {
  if (!existsSync(installedMarker)) return true;
  return existsSync(lockfile) && statSync(lockfile).mtimeMs > statSync(installedMarker).mtimeMs;
}

function npmCommand() {
  // Under `npm start` / `npm test`, npm tells us which npm runs us.
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.c?js$/.test(npmCli)) return { command: process.execPath, prefix: [npmCli] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefix: [] };
}

export function ensureNodeModules() {
  if (!dependenciesAreStale()) return;
  say(existsSync(installedMarker) ? 'package-lock.json changed: running npm install …' : 'Installing dependencies (npm install) …');
  const { command, prefix } = npmCommand();
  const result = spawnSync(command, [...prefix, 'install', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new UserFacingError(`npm install failed (${result.error?.message ?? `exit code ${result.status}`}); see its output above.`);
  }
  // npm leaves the marker untouched when nothing changed; mark the install as current anyway.
  if (existsSync(installedMarker)) {
    const now = new Date();
    utimesSync(installedMarker, now, now);
  }
}

export const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

export function buildAll() {
  say('Building (nx run-many -t build) …');
  const result = spawnSync(process.execPath, [packageBin('nx'), 'run-many', '-t', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...nxEnv },
  });
  if (result.status !== 0) {
    throw new UserFacingError(`The build failed (${result.error?.message ?? `exit code ${result.status}`}); see its output above.`);
  }
}
