import { canMoveRun } from './run-status';

describe('canMoveRun', () => {
  it('moves forward and between running and waiting', () => {
    expect(canMoveRun('pending', 'running')).toBe(true);
    expect(canMoveRun('running', 'waiting')).toBe(true);
    expect(canMoveRun('waiting', 'running')).toBe(true);
    expect(canMoveRun('running', 'completed')).toBe(true);
    expect(canMoveRun('pending', 'failed')).toBe(true);
    expect(canMoveRun('failed', 'compensated')).toBe(true);
  });

  it('never goes back to pending, never leaves a terminal state, and ignores repeats', () => {
    expect(canMoveRun('running', 'pending')).toBe(false);
    expect(canMoveRun('completed', 'running')).toBe(false);
    expect(canMoveRun('failed', 'completed')).toBe(false);
    expect(canMoveRun('compensated', 'failed')).toBe(false);
    expect(canMoveRun('completed', 'compensated')).toBe(false);
    expect(canMoveRun('running', 'running')).toBe(false);
  });
});
