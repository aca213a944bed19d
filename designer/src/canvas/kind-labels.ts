import type { StepKind } from '@tripline/playbook';

/** How each step kind is named on the canvas, in the palette and to screen readers. */
export const KIND_LABELS: Record<StepKind, string> = {
  condition: 'Condition',
  split: 'Split',
  wait: 'Wait',
  waitForEvent: 'Wait for event',
  score: 'Score',
  approval: 'Approval',
  action: 'Action',
  parallel: 'Parallel',
  join: 'Join',
  end: 'End',
};

export const kindLabel = (kind: string): string => (Object.prototype.hasOwnProperty.call(KIND_LABELS, kind) ? KIND_LABELS[kind as StepKind] : kind);
