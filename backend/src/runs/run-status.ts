import type { RunStatus } from '@tripline/playbook';

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'compensated'] as const satisfies readonly RunStatus[];

/** A run in one of these states is over: later (or re-delivered) events never move it again. */
const TERMINAL: ReadonlySet<RunStatus> = new Set<RunStatus>(['completed', 'failed', 'cancelled', 'compensated']);

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * Whether a run in `current` may move to `next`. Status only moves forward: pending → running ⇄ waiting
 * → a terminal state; nothing goes back to pending and nothing leaves a terminal state, except that a
 * failed or cancelled run whose undo steps ran becomes compensated.
 */
export function canMoveRun(current: RunStatus, next: RunStatus): boolean {
  if (current === next) return false;
  if (isTerminalRunStatus(current)) return next === 'compensated' && (current === 'failed' || current === 'cancelled');
  return next !== 'pending';
}
