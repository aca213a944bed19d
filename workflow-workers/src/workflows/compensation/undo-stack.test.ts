import { compensationSummary } from './compensate-run';
import { undoStepId, type UndoEntry } from './undo-entry';
import { UndoStack } from './undo-stack';

const entry = (stepId: string, visit = 1): UndoEntry => ({
  stepId,
  visit,
  kind: 'undo',
  connector: 'tasks',
  action: 'createTask',
  connection: 'task-api',
  idempotencyKey: `wf:${stepId}:${visit}`,
  output: { id: `t-${stepId}` },
  input: { title: stepId },
});

const run = { runId: 'run-1', workspaceId: 'ws-1' };
// Snapshot and restore never report anything: the reporter is not used.
const reporter = undefined as never;

describe('UndoStack', () => {
  it('round-trips through a snapshot (continue-as-new) as plain data, in order', () => {
    const stack = new UndoStack(run, reporter);
    stack.push(entry('a'));
    stack.push(entry('b', 2));
    const snapshot = JSON.parse(JSON.stringify(stack.snapshot()));
    const restored = UndoStack.restore(run, reporter, snapshot);
    expect(restored.size).toBe(2);
    expect(restored.snapshot()).toEqual(stack.snapshot());
    expect(restored.snapshot().entries.map((each) => each.stepId)).toEqual(['a', 'b']);
  });

  it('restores an empty stack from nothing or from something that is not a snapshot', () => {
    expect(UndoStack.restore(run, reporter, undefined).size).toBe(0);
    expect(UndoStack.restore(run, reporter, { entries: 'nope' }).size).toBe(0);
  });

  it('names undo steps after the node (and the visit after the first)', () => {
    expect(undoStepId(entry('create'))).toBe('create:undo');
    expect(undoStepId(entry('create', 3))).toBe('create:undo:3');
  });

  it('summarises what compensation did, failures first', () => {
    expect(
      compensationSummary({
        reason: 'failed',
        undone: ['b'],
        notUndoable: [{ stepId: 'mail', why: 'email.send cannot be undone (irreversible)' }],
        failed: [{ stepId: 'a', error: 'DELETE /tasks/1 answered 409' }],
      }),
    ).toBe('compensation failed: undo of a failed: DELETE /tasks/1 answered 409; undone: b; cannot be undone: mail');
  });
});
