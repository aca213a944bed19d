import {
  CHANGE_APPROVAL_WORKFLOW,
  CHANGE_CLOSED_SIGNAL,
  CHANGE_LEVEL_ADVANCED_SIGNAL,
  changeApprovalWorkflowId,
  type ChangeApprovalInput,
  type ChangeClosedSignal,
  type ChangeLevelAdvancedSignal,
} from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { addSignalWorkflow, addStartWorkflow } from '../../outbox/workflow-payloads';
import type { ChangeRequestEntity } from './change-request.entity';
import { levelTimers } from './snapshot-level';

/**
 * The outbox rows that drive a request's changeApproval workflow, written in the transaction of the
 * transition they announce (so "approved" and "the workflow will hear of it" are one fact). One
 * workflow per attempt: its id names the attempt, so a resubmit starts a fresh one.
 */
export function workflowIdOf(request: Pick<ChangeRequestEntity, 'workspaceId' | 'id' | 'attempt'>): string {
  return changeApprovalWorkflowId(request.workspaceId, request.id, request.attempt);
}

/** Submit / resubmit: start the workflow of this attempt. */
export function startApprovalWorkflow(manager: EntityManager, request: ChangeRequestEntity): Promise<void> {
  const input: ChangeApprovalInput = { workspaceId: request.workspaceId, requestId: request.id, attempt: request.attempt, levels: levelTimers(request.levels) };
  return addStartWorkflow(manager, { workspaceId: request.workspaceId, workflowType: CHANGE_APPROVAL_WORKFLOW, workflowId: workflowIdOf(request), args: [input] });
}

/** A level completed and `request.currentLevel` opened. */
export function signalLevelAdvanced(manager: EntityManager, request: ChangeRequestEntity): Promise<void> {
  const input: ChangeLevelAdvancedSignal = { attempt: request.attempt, level: request.currentLevel };
  return addSignalWorkflow(manager, { workspaceId: request.workspaceId, workflowId: workflowIdOf(request), signal: CHANGE_LEVEL_ADVANCED_SIGNAL, input });
}

/** The request closed (published, rejected, recalled, superseded, expired): the workflow ends. */
export function signalClosed(manager: EntityManager, request: ChangeRequestEntity): Promise<void> {
  const input: ChangeClosedSignal = { attempt: request.attempt, status: request.status };
  return addSignalWorkflow(manager, { workspaceId: request.workspaceId, workflowId: workflowIdOf(request), signal: CHANGE_CLOSED_SIGNAL, input });
}
