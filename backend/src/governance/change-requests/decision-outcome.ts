import type { ChangeDecision } from './change-request-decision.entity';

/** What a recorded decision does to its request. */
export type DecisionOutcome =
  /** One reject rejects the whole request. */
  | { kind: 'rejected' }
  /** The level still needs approvals. */
  | { kind: 'waiting'; approvals: number; required: number }
  /** The level is complete and another follows: it opens. */
  | { kind: 'nextLevel'; level: number }
  /** The last level is complete: the change goes live (unless superseded). */
  | { kind: 'complete' };

/**
 * The outcome of a decision at level `level` (of `levelCount`), given the distinct approvers who have
 * approved that level in the current attempt (the new decision included) and how many it requires.
 */
export function decisionOutcome(decision: ChangeDecision, level: number, levelCount: number, approvals: number, required: number): DecisionOutcome {
  if (decision === 'reject') return { kind: 'rejected' };
  if (approvals < required) return { kind: 'waiting', approvals, required };
  if (level + 1 < levelCount) return { kind: 'nextLevel', level: level + 1 };
  return { kind: 'complete' };
}
