import { evaluateFilter, type ConditionStep } from '@tripline/playbook';
import { runFailure } from '../failure-message';
import type { StepContext, StepOutcome } from './step-outcome';

/** Leaves by "yes" when the filter holds over the run's context, "no" otherwise. */
export function runConditionStep(step: ConditionStep, { run, nodeId }: StepContext): StepOutcome {
  let matched: boolean;
  try {
    matched = evaluateFilter(step.when, run.context);
  } catch (error) {
    throw runFailure(`condition (node ${nodeId}) could not be evaluated: ${(error as Error).message}`, 'InvalidStep');
  }
  return { port: matched ? 'yes' : 'no', output: { matched } };
}
