import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { getStep, nextNode, type NodeId, type PlaybookRunInput, type PlaybookRunResult, type Step } from '@tripline/playbook';
import { failureMessage, runFailure } from './failure-message';
import { RunReporter } from './run-reporter';
import { runActionStep } from './steps/action-step';
import { runConditionStep } from './steps/condition-step';
import { runSplitStep } from './steps/split-step';
import type { StepContext, StepOutcome } from './steps/step-outcome';
import { stepInput } from './steps/step-input';
import { SUPPORTED_STEP_KINDS, unsupportedKind } from './steps/unsupported-step';
import { runWaitStep, waitDurationMs } from './steps/wait-step';

/** A run that visits this many steps is looping; long loops will need continue-as-new. */
export const MAX_STEPS_PER_RUN = 1000;

/**
 * The playbook interpreter: starts at `playbook.start` and follows edges, one step at a time, over
 * the snapshot the run started with. It ends at an `end` node (completed) or where no edge leaves
 * by the chosen port (exited). Status goes to the API through `recordRunEvent`; a failure is
 * reported and then rethrown so Temporal shows the run as failed too.
 */
export async function playbookRun(input: PlaybookRunInput): Promise<PlaybookRunResult> {
  const reporter = new RunReporter(input);
  const path: NodeId[] = [];
  const visits = new Map<NodeId, number>();

  await reporter.runStatus('running');
  try {
    let nodeId: NodeId | undefined = input.playbook.start;
    while (nodeId !== undefined) {
      if (path.length >= MAX_STEPS_PER_RUN) {
        throw runFailure(`the run visited ${MAX_STEPS_PER_RUN} steps without ending; is the playbook looping?`, 'TooManySteps');
      }
      const step = getStep(input.playbook, nodeId);
      if (!step) throw runFailure(`the playbook has no node '${nodeId}'`, 'InvalidPlaybook');

      path.push(nodeId);
      const visit = (visits.get(nodeId) ?? 0) + 1;
      visits.set(nodeId, visit);

      const outcome = await runReportedStep(reporter, step, { run: input, nodeId, visit });
      if (step.kind === 'end') {
        await reporter.runStatus('completed');
        return { status: 'completed', path };
      }
      nodeId = nextNode(input.playbook, nodeId, outcome.port);
    }
    await reporter.runStatus('completed');
    return { status: 'exited', path };
  } catch (error) {
    const status = isCancellation(error) ? 'cancelled' : 'failed';
    // Non-cancellable: after a cancel request, activities in the run's own scope would be cancelled too.
    await CancellationScope.nonCancellable(() =>
      reporter.failedQuietly(() => reporter.runStatus(status, failureMessage(error))),
    );
    throw error;
  }
}

async function runReportedStep(reporter: RunReporter, step: Step, context: StepContext): Promise<StepOutcome> {
  const { nodeId } = context;
  if (!SUPPORTED_STEP_KINDS.has(step.kind)) {
    const failure = unsupportedKind(step.kind, nodeId);
    await reporter.failedQuietly(() => reporter.step(nodeId, step.kind, 'failed', { error: failure.message }));
    throw failure;
  }

  try {
    await reporter.step(nodeId, step.kind, 'running', { input: runningInput(step, nodeId) });
    const outcome = await runStep(step, context);
    await reporter.step(nodeId, step.kind, 'completed', {
      port: outcome.port,
      input: outcome.input,
      output: outcome.output,
    });
    return outcome;
  } catch (error) {
    await CancellationScope.nonCancellable(() =>
      reporter.failedQuietly(() => reporter.step(nodeId, step.kind, 'failed', { error: failureMessage(error) })),
    );
    throw error;
  }
}

function runningInput(step: Step, nodeId: NodeId): unknown {
  if (step.kind !== 'wait') return stepInput(step);
  // When the timer will fire, so the run view can say "waiting until …". Workflow time is deterministic.
  const wakeAt = new Date(Date.now() + waitDurationMs(step, nodeId)).toISOString();
  return stepInput(step, { wakeAt });
}

async function runStep(step: Step, context: StepContext): Promise<StepOutcome> {
  switch (step.kind) {
    case 'condition':
      return runConditionStep(step, context);
    case 'split':
      return runSplitStep(step, context);
    case 'wait':
      return runWaitStep(step, context);
    case 'action':
      return runActionStep(step, context);
    case 'end':
      return {};
    default:
      throw unsupportedKind(step.kind, context.nodeId);
  }
}
