import { CancellationScope, isCancellation, patched } from '@temporalio/workflow';
import type { PlaybookRunInput, PlaybookRunResult, Step } from '@tripline/playbook';
import { compensateRun } from './compensation/compensate-run';
import { COMPENSATION_PATCH, isRejectedWithoutEdge, RunRejected, UNDO_STACK_CARRY } from './compensation/run-rejected';
import { UndoStack } from './compensation/undo-stack';
import { failureMessage, runFailure } from './failure-message';
import { continueAsNewIfDue, isContinueAsNew } from './interpreter/continue-as-new';
import { RunState } from './interpreter/run-state';
import { walk, type Interpreter } from './interpreter/walk';
import { RunReporter } from './run-reporter';
import { runActionStep } from './steps/action-step';
import { runConditionStep } from './steps/condition-step';
import { runParallelStep } from './steps/parallel-step';
import { runScoreStep } from './steps/score-step';
import { runSplitStep } from './steps/split-step';
import type { StepContext, StepOutcome } from './steps/step-outcome';
import { stepInput } from './steps/step-input';
import { SUPPORTED_STEP_KINDS, unsupportedKind } from './steps/unsupported-step';
import { runWaitStep, waitRunningDetails } from './steps/wait-step';
import { runWaitForEventStep } from './steps/wait-for-event-step';
import { runApprovalStep } from './steps/approval-step';

export { MAX_STEPS_PER_RUN } from './interpreter/run-state';

/**
 * The playbook interpreter: starts at `playbook.start` (or where a continued run left off) and
 * follows edges over the snapshot the run started with; a parallel runs its branches concurrently
 * until their join (interpreter/walk.ts, steps/parallel-step.ts). It ends at an `end` node
 * (completed) or where no edge leaves by the chosen port (exited); long runs continue as new
 * (interpreter/continue-as-new.ts). Status goes to the API through `recordRunEvent`; a failure is
 * reported and then rethrown so Temporal shows the run as failed too.
 */
export async function playbookRun(input: PlaybookRunInput): Promise<PlaybookRunResult> {
  const reporter = new RunReporter(input);
  const state = new RunState(input.resume, input.limits);
  // Completed write actions, undone in reverse if the run fails, is cancelled or is rejected.
  const undo = UndoStack.restore(input, reporter, input.resume?.carry?.[UNDO_STACK_CARRY]);
  // What other parts of the run keep across continue-as-new (opaque to the interpreter).
  const carry = (): Record<string, unknown> => ({ ...input.resume?.carry, [UNDO_STACK_CARRY]: undo.snapshot() });
  const interpreter: Interpreter = {
    run: input,
    state,
    runStep: async (step, context) => {
      const outcome = await runReportedStep(reporter, step, context);
      if (outcome.undo) undo.push(outcome.undo);
      if (isRejectedWithoutEdge(input.playbook, step, context.nodeId, outcome) && patched(COMPENSATION_PATCH)) {
        throw new RunRejected(context.nodeId);
      }
      return outcome;
    },
    checkpoint: (nextNodeId) => continueAsNewIfDue(input, state, nextNodeId, carry),
  };

  // A continued run is already "running" for the API.
  if (!input.resume) await reporter.runStatus('running');
  try {
    const end = await walk(interpreter, input.resume?.nodeId ?? input.playbook.start, false);
    await reporter.runStatus('completed');
    return { status: end.kind === 'completed' ? 'completed' : 'exited', path: state.path };
  } catch (error) {
    if (isContinueAsNew(error)) throw error;
    if (error instanceof RunRejected) {
      // Rejected with no "rejected" edge: roll back and end 'compensated' (or failed, naming the undo that failed).
      const rolledBack = await compensateRun({ stack: undo, reporter, reason: 'rejected' });
      if (rolledBack.status === 'failed') throw runFailure(rolledBack.message!, 'CompensationFailed');
      return { status: 'compensated', path: state.path };
    }
    if (undo.size > 0 && patched(COMPENSATION_PATCH)) {
      const reason = isCancellation(error) ? 'cancelled' : 'failed';
      const rolledBack = await compensateRun({ stack: undo, reporter, reason, cause: failureMessage(error) });
      if (rolledBack.report.failed.length > 0) throw runFailure(rolledBack.message!, 'CompensationFailed');
      throw error;
    }
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
    await reporter.step(nodeId, step.kind, 'running', { input: runningInput(step, context) });
    const outcome = await runStep(step, context);
    await reporter.step(nodeId, step.kind, outcome.status ?? 'completed', {
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

function runningInput(step: Step, context: StepContext): unknown {
  if (step.kind !== 'wait') return stepInput(step);
  // When the timer will fire, so the run view can say "waiting until …". Workflow time is deterministic.
  return stepInput(step, waitRunningDetails(step, context));
}

async function runStep(step: Step, context: StepContext): Promise<StepOutcome> {
  switch (step.kind) {
    case 'condition':
      return runConditionStep(step, context);
    case 'split':
      return runSplitStep(step, context);
    case 'wait':
      return runWaitStep(step, context);
    case 'waitForEvent':
      return runWaitForEventStep(step, context);
    case 'approval':
      return runApprovalStep(step, context);
    case 'action':
      return runActionStep(step, context);
    case 'score':
      return runScoreStep(step, context);
    case 'parallel':
      return runParallelStep(step, context);
    case 'join':
      return {};
    case 'end':
      return {};
    default:
      // Every kind is handled; a snapshot from a newer DSL could still carry one this worker does not know.
      throw unsupportedKind((step as Step).kind, context.nodeId);
  }
}
