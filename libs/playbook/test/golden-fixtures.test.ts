/**
 * Golden playbooks as JSON files: every file under fixtures/valid must validate cleanly, and every
 * file under fixtures/invalid must yield exactly its `expected` problems (code and node / edge).
 * Add a case by adding a file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type ValidationProblem } from '@tripline/playbook';

interface Fixture {
  description: string;
  expected?: Pick<ValidationProblem, 'code' | 'nodeId' | 'edgeIndex'>[];
  playbook: unknown;
}

const load = (folder: string): [string, Fixture][] => {
  const dir = join(__dirname, 'fixtures', folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture]);
};

const valid = load('valid');
const invalid = load('invalid');

describe('golden fixtures', () => {
  it('has fixtures to run', () => {
    expect(valid.length).toBeGreaterThanOrEqual(4);
    expect(invalid.length).toBeGreaterThanOrEqual(15);
  });

  it.each(valid)('valid/%s passes validate()', (_file, fixture) => {
    expect(validate(fixture.playbook)).toEqual({ ok: true, problems: [] });
  });

  it.each(invalid)('invalid/%s yields exactly its expected problems', (_file, fixture) => {
    expect(fixture.expected?.length).toBeGreaterThan(0);
    const result = validate(fixture.playbook);
    expect(result.ok).toBe(false);
    const found = result.problems.map(({ code, nodeId, edgeIndex }) => ({
      code,
      ...(nodeId === undefined ? {} : { nodeId }),
      ...(edgeIndex === undefined ? {} : { edgeIndex }),
    }));
    expect(found).toEqual(fixture.expected);
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(10);
  });

  it('covers every problem code validate() can produce', () => {
    const codes = new Set(invalid.flatMap(([, fixture]) => (fixture.expected ?? []).map((problem) => problem.code)));
    expect([...codes].sort()).toEqual(
      ['cycle_without_wait', 'dangling_edge', 'invalid_port', 'missing_config', 'missing_port', 'missing_start', 'schema', 'unreachable_node'].sort(),
    );
  });
});
