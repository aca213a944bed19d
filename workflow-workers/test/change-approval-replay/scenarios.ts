import path from 'node:path';
import type { ChangeApprovalInput } from '@tripline/playbook';
import type { InMemoryChangeLevel } from '../../src/test-support/in-memory-change-requests';

/** Recorded changeApproval histories (test/fixtures/change-approval-histories/<name>.json). */
export const CHANGE_APPROVAL_HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'change-approval-histories');

export const RECORDING_WORKSPACE = 'ws-replay';

const approvers: InMemoryChangeLevel[] = [
  { approvers: [{ userId: 'u-ann', email: 'ann@acme.test' }], escalateTo: [{ userId: 'u-eve', email: 'eve@acme.test' }] },
  { approvers: [{ userId: 'u-fay', email: 'fay@acme.test' }], escalateTo: [{ userId: 'u-gus', email: 'gus@acme.test' }] },
];

/** Two escalating levels with reminders, in seconds so a real dev server records them quickly. */
export function recordingInput(requestId: string): ChangeApprovalInput {
  return {
    workspaceId: RECORDING_WORKSPACE,
    requestId,
    attempt: 1,
    levels: [
      { name: 'Approval', timeoutMs: 3_000, reminderEveryMs: 1_000, escalates: true },
      { name: 'Finance / legal', timeoutMs: 2_000, reminderEveryMs: 1_000, escalates: true },
    ],
  };
}

export const recordingApprovers = approvers;
