/**
 * Keeps the designer benchmark (scripts/bench/designer.mjs) from rotting: one short run against the built API
 * and designer in real Chromium must write a markdown section with frame times for both playbook sizes, and
 * the ratio between them.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './support/local-stack';

jest.setTimeout(120_000);

const NUMBER = String.raw`\d+(?:\.\d+)?`;

function runBenchmark(outFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/bench/designer.mjs', '--out', outFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_RUNS: '1', BENCH_DESIGNER_SECONDS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the designer benchmark', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-designer-bench-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('measures pan, node drag and zoom on the 300- and the 30-step playbook and writes its section', async () => {
    const outFile = path.join(dir, 'designer.md');
    const { code, output } = await runBenchmark(outFile);
    expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });

    const section = fs.readFileSync(outFile, 'utf8');
    expect(output).toContain(section.trim()); // printed as well as written
    expect(output).toMatch(/^Machine: \d+ cores .*Chromium \d+/m);
    expect(section).toMatch(/^## Designer canvas: frame time at 300 steps/);
    for (const scenario of ['Pan (drag the empty canvas)', 'Drag a node', 'Zoom (mouse wheel in and out)']) {
      for (const steps of [300, 30]) {
        const row = section.split('\n').find((line) => line.startsWith(`| ${scenario} | ${steps} |`));
        expect(row).toBeDefined();
        // frames, median, p95 and max frame time, two shares: all numbers, at least a few frames.
        const cells = row!.split('|').slice(3, -1).map((cell) => cell.trim());
        expect(cells).toHaveLength(6);
        expect(Number(cells[0])).toBeGreaterThan(3);
        for (const cell of cells.slice(1, 4)) expect(cell).toMatch(new RegExp(`^${NUMBER} ms$`));
        for (const cell of cells.slice(4)) expect(cell).toMatch(new RegExp(`^${NUMBER} %$`));
      }
      expect(section).toMatch(new RegExp(`^\\| ${scenario.replace(/[()]/g, '\\$&')} \\| ${NUMBER}× \\| ${NUMBER}× \\|$`, 'm'));
    }
    expect(section).toMatch(/^Verdict: \*\*(not )?responsive\*\*/m);
  });
});
