/**
 * The built designer loads in a real browser (Debian chromium) and explains a login that cannot reach
 * the API. Static only: `vite preview` serves a fresh production build with the real proxy config,
 * pointed at a port where nothing listens. The whole journey against the real stack lives in e2e/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const designerDir = path.resolve(__dirname, '..');
const viteBin = path.join(path.dirname(require.resolve('vite/package.json', { paths: [designerDir] })), 'bin', 'vite.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

jest.setTimeout(60_000);

/** A port nothing listens on now (taken from the OS, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, preview: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (preview.exitCode !== null) throw new Error(`vite preview exited with ${preview.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`vite preview did not answer on ${url} within 30 s:\n${output()}`);
}

let outDir: string;
let preview: ChildProcess | undefined;
let browser: Browser | undefined;
let baseUrl: string;
let deadApiUrl: string;
let pageErrors: string[];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  // A build of its own, so the test sees the current sources and never rewrites a dist/ being served.
  outDir = mkdtempSync(path.join(tmpdir(), 'tripline-designer-'));
  const build = spawnSync(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: designerDir,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const [port, apiPort] = [await freePort(), await freePort()];
  baseUrl = `http://127.0.0.1:${port}`;
  deadApiUrl = `http://127.0.0.1:${apiPort}`;
  let output = '';
  preview = spawn(process.execPath, [viteBin, 'preview', '--outDir', outDir], {
    cwd: designerDir,
    env: { ...process.env, TRIPLINE_DESIGNER_PORT: String(port), TRIPLINE_DESIGNER_HOST: '127.0.0.1', TRIPLINE_API_URL: deadApiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  preview.stdout!.on('data', (chunk) => (output += chunk));
  preview.stderr!.on('data', (chunk) => (output += chunk));
  await waitForHttp(baseUrl, preview, () => output);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (preview && preview.exitCode === null) {
    const exited = new Promise((resolve) => preview!.once('exit', resolve));
    preview.kill('SIGTERM');
    await exited;
  }
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function openPage(pathname: string, init?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await browser!.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await init?.(page);
  await page.goto(`${baseUrl}${pathname}`);
  return page;
}

describe('the built designer', () => {
  it('renders the sign-in form', async () => {
    const page = await openPage('/');
    await expect(page.title()).resolves.toBe('Tripline designer');
    await page.getByRole('heading', { name: /sign in/i }).waitFor();
    expect(await page.getByLabel('Email').getAttribute('type')).toBe('email');
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('serves the app on deep links too (history routing)', async () => {
    const page = await openPage('/runs/some-run');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says clearly that the API is unreachable when signing in fails', async () => {
    const page = await openPage('/');
    await page.getByLabel('Email').fill('admin@tripline.local');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain(`The Tripline API at ${deadApiUrl} is unreachable (ECONNREFUSED)`);
    expect(text).toContain('npm start');
    // Still on the sign-in form, ready to try again.
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a stored session with its workspace, and why pages cannot load while the API is down', async () => {
    const session = {
      state: { token: 't', user: { id: 'u1', email: 'ann@example.com', name: 'Ann' }, workspace: { id: 'w1', name: 'Acme' }, role: 'editor' },
      version: 0,
    };
    const page = await openPage('/playbooks', (p) =>
      p.addInitScript((value) => localStorage.setItem('tripline.session', value), JSON.stringify(session)),
    );
    await expect(page.getByTestId('workspace-name').textContent()).resolves.toBe('Acme');
    await page.getByText('editor', { exact: true }).waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Could not load playbooks: The Tripline API at');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('tripline.session') ?? '{}').state?.token)).toBeNull();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
