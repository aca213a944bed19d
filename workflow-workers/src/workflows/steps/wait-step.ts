import { parseDuration, type WaitStep } from '@tripline/playbook';
import { sleep } from '@temporalio/workflow';
import { runFailure } from '../failure-message';
import { unsupportedStep } from './unsupported-step';
import type { StepContext, StepOutcome } from './step-outcome';

/** How long a wait step sleeps; fails the run on a step it cannot honour. */
export function waitDurationMs(step: WaitStep, nodeId: string): number {
  if (step.until) throw unsupportedStep("wait 'until' business hours", nodeId);
  if (!step.for) throw runFailure(`wait (node ${nodeId}) says neither how long ('for') nor until when ('until')`, 'InvalidStep');
  try {
    return parseDuration(step.for);
  } catch (error) {
    throw runFailure(`wait (node ${nodeId}): ${(error as Error).message}`, 'InvalidStep');
  }
}

/** A durable timer: the run sleeps on the Temporal server, surviving worker restarts. */
export async function runWaitStep(step: WaitStep, { nodeId }: StepContext): Promise<StepOutcome> {
  const ms = waitDurationMs(step, nodeId);
  await sleep(ms);
  return { output: { waitedMs: ms } };
}
