import { bucketOf, variantForBucket, type SplitStep } from '@tripline/playbook';
import { runFailure } from '../failure-message';
import type { StepContext, StepOutcome } from './step-outcome';

/** Sends the subject down a variant by a hash of (subject, node): the same subject always gets the same one. */
export function runSplitStep(step: SplitStep, { run, nodeId }: StepContext): StepOutcome {
  const bucket = bucketOf(run.subject.id, nodeId);
  const port = variantForBucket(step.variants, bucket);
  if (port === undefined) {
    const total = step.variants.reduce((sum, variant) => sum + variant.percent, 0);
    throw runFailure(
      `split (node ${nodeId}) has no variant for bucket ${bucket}: its percentages add up to ${total}, not 100`,
      'InvalidStep',
    );
  }
  return { port, output: { bucket, port } };
}
