/**
 * The recorded changeApproval histories (test/fixtures/change-approval-histories/*.json, made by
 * test/change-approval-replay/record-change-approval-histories.recorder.ts) must replay on the current
 * workflow code: requests wait for days, so a change that would take another path in a running
 * request fails here instead of in production (put it behind `patched()`, workflow-workers/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { CHANGE_APPROVAL_HISTORIES_DIR } from './change-approval-replay/scenarios';
import { historyFromJson } from './replay/history-json';
import { replayOptions } from './replay/replay-bundle';
import { installQuietRuntime } from './support/quiet-runtime';

jest.setTimeout(180_000);

const fixtures = readdirSync(CHANGE_APPROVAL_HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    workflowId: path.basename(file, '.json'),
    history: historyFromJson(JSON.parse(readFileSync(path.join(CHANGE_APPROVAL_HISTORIES_DIR, file), 'utf8'))),
  }));

async function replayAll(workflowsPath: string): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories(replayOptions(workflowsPath), fixtures)) results.push(result);
  return results;
}

beforeAll(() => installQuietRuntime());

it('has recorded histories of a request that advanced, escalated and expired, and of one closed by the API', () => {
  expect(fixtures.map((fixture) => fixture.workflowId)).toEqual(expect.arrayContaining(['advance-escalate-expire', 'escalate-closed']));
});

it('replays every recorded changeApproval history on the current workflow code', async () => {
  const results = await replayAll(require.resolve('../src/workflows'));
  expect(results.map((result) => result.workflowId).sort()).toEqual(fixtures.map((fixture) => fixture.workflowId).sort());
  expect(results.filter((result) => result.error).map((result) => `${result.workflowId}: ${result.error?.message}`)).toEqual([]);
});

it('fails on a changeApproval that is not replayable: the same workflow with one timer added in front', async () => {
  const results = await replayAll(require.resolve('./change-approval-replay/changed-workflow'));
  expect(results).toHaveLength(fixtures.length);
  for (const result of results) {
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
    expect(result.error?.message).toMatch(/Nondeterminism/);
  }
});
