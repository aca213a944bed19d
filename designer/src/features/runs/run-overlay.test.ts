import type { RunStep } from '../../api/types';
import { runNodeStatus, runOverlaySteps } from './run-overlay';

const step = (stepId: string, status: RunStep['status']): RunStep => ({
  id: `${stepId}-1`,
  stepId,
  kind: 'action',
  status,
  port: null,
  input: null,
  output: null,
  error: null,
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
});

describe('run overlay', () => {
  it('shows a running step of a waiting run as waiting', () => {
    expect(runNodeStatus(step('approve', 'running'), 'waiting')).toBe('waiting');
    expect(runNodeStatus(step('approve', 'running'), 'running')).toBe('running');
  });

  it('shows completed steps of a compensated run as compensated, failures stay failed', () => {
    const steps = [step('email', 'completed'), step('approve', 'failed')];
    expect(runOverlaySteps(steps, 'compensated').map((s) => s.status)).toEqual(['compensated', 'failed']);
    expect(runOverlaySteps(steps, 'failed').map((s) => s.status)).toEqual(['completed', 'failed']);
  });
});
