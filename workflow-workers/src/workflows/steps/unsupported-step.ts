import type { StepKind } from '@tripline/playbook';
import { runFailure } from '../failure-message';

/** Step kinds the interpreter runs today; the others fail the run with a clear message. */
export const SUPPORTED_STEP_KINDS: ReadonlySet<StepKind> = new Set(['condition', 'split', 'wait', 'waitForEvent', 'approval', 'action', 'score', 'parallel', 'join', 'end']);

export function unsupportedStep(what: string, nodeId: string) {
  return runFailure(`${what} (node ${nodeId}) is not supported yet`, 'UnsupportedStep');
}

export function unsupportedKind(kind: StepKind, nodeId: string) {
  return unsupportedStep(`step kind '${kind}'`, nodeId);
}
