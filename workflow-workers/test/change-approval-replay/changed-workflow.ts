// A deliberately non-replayable change, for change-approval-replay.test.ts to prove that it catches one:
// today's changeApproval with a timer in front, as a change made without `patched()` would do.
import { sleep } from '@temporalio/workflow';
import type { ChangeApprovalInput, ChangeApprovalResult } from '@tripline/playbook';
import { changeApproval as currentChangeApproval } from '../../src/change-approval/change-approval.workflow';

export async function changeApproval(input: ChangeApprovalInput): Promise<ChangeApprovalResult> {
  await sleep('1 second');
  return currentChangeApproval(input);
}
