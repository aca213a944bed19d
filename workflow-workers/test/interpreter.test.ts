import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_STEPS_PER_HISTORY, MAX_STEPS_PER_RUN, RunState } from '../src/workflows/interpreter/run-state';

/** The interpreter's counters (pure): visits, path, step guard and history budget across continue-as-new. */
describe('RunState', () => {
  it('numbers the visits of each node from 1 and records the path', () => {
    const state = new RunState(undefined);
    expect(['a', 'b', 'a', 'a', 'c'].map((node) => state.enter(node))).toEqual([1, 1, 2, 3, 1]);
    expect(state.path).toEqual(['a', 'b', 'a', 'a', 'c']);
  });

  it('resumes with the visits, path and steps of the runs before, so keys never repeat', () => {
    const first = new RunState(undefined, { stepsPerHistory: 3 });
    first.enter('wait');
    first.enter('send');
    first.enter('wait');
    expect(first.historyBudgetSpent()).toBe(true);
    const resume = first.resumeAt('send', { undo: ['x'] });
    expect(resume).toEqual({ nodeId: 'send', visits: { wait: 2, send: 1 }, path: ['wait', 'send', 'wait'], stepsTaken: 3, continuedAsNew: 1, carry: { undo: ['x'] } });

    const second = new RunState(resume, { stepsPerHistory: 3 });
    expect(second.hasRunSteps()).toBe(false);
    expect(second.historyBudgetSpent()).toBe(false);
    expect(second.enter('send')).toBe(2);
    expect(second.path).toEqual(['wait', 'send', 'wait', 'send']);
    expect(second.resumeAt('wait', {})).toMatchObject({ stepsTaken: 4, continuedAsNew: 2 });
    expect(second.resumeAt('wait', {})).not.toHaveProperty('carry');
  });

  it('fails as looping after maxSteps in all, counting the runs before', () => {
    const state = new RunState({ nodeId: 'a', visits: { a: 4 }, path: ['a', 'a', 'a', 'a'], stepsTaken: 4, continuedAsNew: 1 }, { maxSteps: 5 });
    expect(state.enter('a')).toBe(5);
    let failure: unknown;
    try {
      state.enter('a');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'TooManySteps', nonRetryable: true, message: 'the run visited 5 steps without ending; is the playbook looping?' });
  });

  it('uses the defaults for missing or unusable limits', () => {
    for (const limits of [undefined, {}, { maxSteps: 0, stepsPerHistory: -1 }, { maxSteps: 2.5 }]) {
      const state = new RunState(undefined, limits);
      expect([state.maxSteps, state.stepsPerHistory]).toEqual([MAX_STEPS_PER_RUN, DEFAULT_STEPS_PER_HISTORY]);
    }
  });
});
