import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { EMPTY_HISTORY, record, redo, undo, type Snapshot } from './history';

const named = (name: string): Playbook => ({ ...demoRequestFollowUp, name });
const snap = (name: string, revision: number): Snapshot => ({ document: named(name), revision });

describe('edit history', () => {
  it('undoes and redoes whole documents, with the label of the edit', () => {
    let { history, current } = record(EMPTY_HISTORY, snap('a', 1), snap('b', 2), 'Add step');
    ({ history, current } = record(history, current, snap('c', 3), 'Connect'));
    const undone = undo(history, current)!;
    expect(undone.current.document.name).toBe('b');
    expect(undone.history.future.map((e) => e.label)).toEqual(['Connect']);
    const twice = undo(undone.history, undone.current)!;
    expect(twice.current).toEqual(snap('a', 1));
    expect(undo(twice.history, twice.current)).toBeNull();
    const redone = redo(twice.history, twice.current)!;
    expect(redone.current.revision).toBe(2);
    expect(redone.history.past.map((e) => e.label)).toEqual(['Add step']);
  });

  it('drops what could be redone when a new edit is made', () => {
    const first = record(EMPTY_HISTORY, snap('a', 1), snap('b', 2), 'one');
    const back = undo(first.history, first.current)!;
    const branched = record(back.history, back.current, snap('x', 3), 'other');
    expect(branched.history.future).toEqual([]);
    expect(redo(branched.history, branched.current)).toBeNull();
  });

  it('keeps at most the limit of steps, forgetting the oldest', () => {
    let state = { history: EMPTY_HISTORY, current: snap('0', 0) };
    for (let n = 1; n <= 105; n += 1) state = record(state.history, state.current, snap(String(n), n), `edit ${n}`);
    expect(state.history.past).toHaveLength(100);
    expect(state.history.past[0]!.snapshot.revision).toBe(5);
  });

  it('makes edits with the same key in a row one step, and a different key a new one', () => {
    let state = record(EMPTY_HISTORY, snap('a', 1), snap('ab', 2), 'Edit step', 'label:x');
    state = record(state.history, state.current, snap('abc', 3), 'Edit step', 'label:x');
    expect(state.history.past).toHaveLength(1);
    expect(undo(state.history, state.current)!.current.document.name).toBe('a');
    state = record(state.history, state.current, snap('abcd', 4), 'Edit step', 'label:y');
    expect(state.history.past).toHaveLength(2);
    const afterUndo = undo(state.history, state.current)!;
    // After an undo the next edit never joins the undone one.
    const again = record(afterUndo.history, afterUndo.current, snap('z', 5), 'Edit step', 'label:y');
    expect(again.history.past).toHaveLength(2);
  });
});
