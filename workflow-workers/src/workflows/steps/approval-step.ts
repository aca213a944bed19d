import {
  APPROVAL_REJECTED_PORT,
  SYSTEM_DECIDER,
  approvalContextSummary,
  parseDuration,
  type ApprovalCloseReason,
  type ApprovalOutcome,
  type ApprovalStep,
  type OpenedApprovalRequest,
} from '@tripline/playbook';
import { CancellationScope, condition, isCancellation, proxyActivities } from '@temporalio/workflow';
// Types only: the workflow bundle never loads activity code.
import type { PlaybookActivities } from '../../activities/create-activities';
import { approvalGates, type ApprovalGate } from '../approval-messages';
import { runFailure } from '../failure-message';
import { RunReporter } from '../run-reporter';
import type { StepContext, StepOutcome } from './step-outcome';

/** The request row must follow the gate: retried for as long as the API is down (a 4xx fails at once). */
const approvals = proxyActivities<Pick<PlaybookActivities, 'openApprovalRequest' | 'escalateApprovalRequest' | 'closeApprovalRequest'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The gate step's input once it has run: what it asked for and who could decide. */
export interface ApprovalStepInput {
  assignees: ApprovalStep['assignees'];
  escalateTo?: ApprovalStep['escalateTo'];
  timeout: string;
  onTimeout: ApprovalStep['onTimeout'];
  requestId: string;
  requesterId: string | null;
  /** Who could decide when it closed (after an escalation: the escalation's assignees). */
  approverIds: string[];
  escalatedAt: string | null;
}

function timeoutMsOf(step: ApprovalStep, nodeId: string): number {
  try {
    return parseDuration(step.timeout);
  } catch (error) {
    throw runFailure(`approval (node ${nodeId}): ${(error as Error).message}`, 'InvalidStep');
  }
}

/**
 * An approval gate. Opens the request row (the API resolves assignees and the requester: the
 * publisher of the run's version), reports the run as waiting, and waits for a decision delivered
 * as the `approvalDecision` Update (approval-messages.ts). After `timeout` without one, an
 * `escalateTo` reassigns the request — from then on only the escalation's assignees may decide — and
 * waits another `timeout`; then `onTimeout` applies, decided by "system". The row is closed through
 * an activity with exactly the outcome the workflow accepted. Approved leaves by the unnamed port,
 * rejected by "rejected".
 */
export async function runApprovalStep(step: ApprovalStep, { run, nodeId, visit }: StepContext): Promise<StepOutcome> {
  const timeoutMs = timeoutMsOf(step, nodeId);
  const reporter = new RunReporter(run);
  const opened = await approvals.openApprovalRequest({
    workspaceId: run.workspaceId,
    runId: run.runId,
    stepId: nodeId,
    visit,
    stepLabel: step.label ?? null,
    assignees: step.assignees,
    escalateTo: step.escalateTo ?? null,
    summary: approvalContextSummary(run.subject, run.context),
    dueAt: new Date(Date.now() + timeoutMs).toISOString(),
  });
  const gate = openGate(nodeId, opened);

  if (!gate.outcome) {
    await reporter.runStatus('waiting');
    try {
      await waitForDecision(step, gate, timeoutMs, run.workspaceId);
      await record(gate, run.workspaceId);
    } catch (error) {
      // A cancelled run still records a decision it accepted; without one, it closes the request
      // (expired, decided by the system) so it leaves the inboxes.
      if (isCancellation(error) && !gate.recorded) {
        if (!gate.outcome) decideBySystem(gate, 'reject', 'cancelled');
        await CancellationScope.nonCancellable(() => record(gate, run.workspaceId));
      }
      throw error;
    }
    await reporter.runStatus('running');
  }

  const outcome = gate.outcome!;
  const input: ApprovalStepInput = {
    assignees: step.assignees,
    ...(step.escalateTo ? { escalateTo: step.escalateTo } : {}),
    timeout: step.timeout,
    onTimeout: step.onTimeout,
    requestId: gate.requestId,
    requesterId: gate.requesterId,
    approverIds: gate.approverIds,
    escalatedAt: gate.escalatedAt,
  };
  return { port: outcome.decision === 'reject' ? APPROVAL_REJECTED_PORT : undefined, input, output: outcome };
}

/** Registers the request with the run's Update handler; a request closed before (a reset) keeps its outcome. */
function openGate(stepId: string, opened: OpenedApprovalRequest): ApprovalGate {
  const gate: ApprovalGate = {
    requestId: opened.requestId,
    stepId,
    state: opened.outcome ? 'closed' : 'open',
    approverIds: [...opened.approverIds],
    requesterId: opened.requesterId,
    escalatedAt: opened.escalatedAt,
    ...(opened.outcome ? { outcome: opened.outcome } : {}),
    recorded: opened.outcome !== null,
  };
  approvalGates().set(gate.requestId, gate);
  return gate;
}

async function waitForDecision(step: ApprovalStep, gate: ApprovalGate, timeoutMs: number, workspaceId: string): Promise<void> {
  // A request escalated before a reset waits out the escalated period only.
  const escalateLater = step.escalateTo !== undefined && gate.escalatedAt === null;
  await condition(() => gate.outcome !== undefined, timeoutMs);
  if (!gate.outcome && escalateLater) {
    // The first assignees' time is up: no decision is taken while the request is reassigned.
    gate.state = 'escalating';
    const at = new Date();
    const escalated = await approvals.escalateApprovalRequest({
      workspaceId,
      requestId: gate.requestId,
      at: at.toISOString(),
      dueAt: new Date(at.getTime() + timeoutMs).toISOString(),
    });
    gate.approverIds = [...escalated.approverIds];
    gate.escalatedAt = escalated.escalatedAt;
    gate.state = 'open';
    await condition(() => gate.outcome !== undefined, timeoutMs);
  }
  if (!gate.outcome) decideBySystem(gate, step.onTimeout, 'timeout');
}

function decideBySystem(gate: ApprovalGate, decision: ApprovalOutcome['decision'], reason: ApprovalCloseReason): void {
  gate.outcome = {
    requestId: gate.requestId,
    stepId: gate.stepId,
    decision,
    decidedBy: SYSTEM_DECIDER,
    comment: null,
    reason,
    decidedAt: new Date().toISOString(),
  };
}

/** Closes the request row with the accepted outcome; from then on every decision is refused. */
async function record(gate: ApprovalGate, workspaceId: string): Promise<void> {
  gate.state = 'closed';
  const { stepId: _stepId, ...outcome } = gate.outcome!;
  await approvals.closeApprovalRequest({ workspaceId, ...outcome });
  gate.recorded = true;
}
