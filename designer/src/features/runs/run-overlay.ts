/** What a run looks like on its playbook's canvas: each step's colour, derived from the step and the run. Pure. */
import type { RunNodeStatus, RunStepOverlay } from '../../canvas/to-flow';
import type { Run } from '../../api/types';

/**
 * A step still running while the run waits is waiting (an approval gate, or an event); once a run is
 * compensated, the steps it had completed were undone.
 */
export function runNodeStatus(step: Run['steps'][number], runStatus: Run['status']): RunNodeStatus {
  if (step.status === 'running' && runStatus === 'waiting') return 'waiting';
  if (step.status === 'completed' && runStatus === 'compensated') return 'compensated';
  return step.status;
}

export function runOverlaySteps(steps: Run['steps'], runStatus: Run['status']): RunStepOverlay[] {
  return steps.map((step) => ({ stepId: step.stepId, port: step.port, status: runNodeStatus(step, runStatus) }));
}

/** The colours of the legend, in the order a run moves through them. */
export const RUN_LEGEND: readonly { status: RunNodeStatus; label: string }[] = [
  { status: 'running', label: 'Running' },
  { status: 'waiting', label: 'Waiting (approval or event)' },
  { status: 'completed', label: 'Done' },
  { status: 'failed', label: 'Failed' },
  { status: 'compensated', label: 'Compensated (undone)' },
  { status: 'skipped', label: 'Skipped' },
];
