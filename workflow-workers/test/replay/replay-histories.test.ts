/**
 * Every recorded history (test/fixtures/histories/*.json, made by `npm run record:histories`) must
 * replay on the current workflow code: a change to the interpreter that would make runs in flight
 * take another path fails here, in CI, instead of in production. Such changes go behind
 * `patched('<id>')` (workflow-workers/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { installQuietRuntime } from '../support/quiet-runtime';
import { historyFromJson } from './history-json';
import { HISTORIES_DIR, replayOptions } from './replay-bundle';
import { REPLAY_SCENARIOS } from './scenarios';

jest.setTimeout(180_000);

const fixtures = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ workflowId: path.basename(file, '.json'), history: historyFromJson(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8'))) }));

async function replayAll(workflowsPath: string): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories(replayOptions(workflowsPath), fixtures)) results.push(result);
  return results;
}

beforeAll(() => installQuietRuntime());

it('has a recorded history of every required scenario', () => {
  const required = REPLAY_SCENARIOS.filter((scenario) => scenario.required).map((scenario) => scenario.name);
  expect(fixtures.map((fixture) => fixture.workflowId)).toEqual(expect.arrayContaining(required));
});

it('replays every recorded history on the current workflow code', async () => {
  const results = await replayAll(require.resolve('../../src/workflows'));
  expect(results.map((result) => result.workflowId).sort()).toEqual(fixtures.map((fixture) => fixture.workflowId).sort());
  const failures = results.filter((result) => result.error).map((result) => `${result.workflowId}: ${result.error?.message}`);
  expect(failures).toEqual([]);
});

it('fails on a workflow that is not replayable: the same interpreter with one timer added in front', async () => {
  const results = await replayAll(require.resolve('./changed-workflow'));
  expect(results).toHaveLength(fixtures.length);
  for (const result of results) {
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
    expect(result.error?.message).toMatch(/Nondeterminism/);
  }
});
