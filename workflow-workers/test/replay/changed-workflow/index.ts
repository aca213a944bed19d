// A deliberately non-replayable change, for the replay test to prove that it catches one: the current
// interpreter with a timer added in front, as a change made without `patched()` would do.
import { sleep } from '@temporalio/workflow';
import type { PlaybookRunInput, PlaybookRunResult } from '@tripline/playbook';
import { playbookRun as currentPlaybookRun } from '../../../src/workflows/playbook-run';

export async function playbookRun(input: PlaybookRunInput): Promise<PlaybookRunResult> {
  await sleep('1 second');
  return currentPlaybookRun(input);
}
