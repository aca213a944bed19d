/** Types shared by the dispatcher (backend), the playbookRun workflow and the worker API. */
import type { EvaluationContext, NodeId, Playbook, StepKind } from './dsl/types';

export interface RunSubject {
  kind: 'person' | 'account';
  /** Tripline's id of the person or account. */
  id: string;
}

export interface PlaybookRunInput {
  runId: string;
  workspaceId: string;
  /** The published version the run started with; publishing later never changes it. */
  playbook: Playbook;
  subject: RunSubject;
  context: EvaluationContext;
}

export interface PlaybookRunResult {
  status: 'completed' | 'exited';
  path: NodeId[];
}

export type RunStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'compensated';
export type StepStatus = 'running' | 'completed' | 'failed' | 'skipped';

/** One status change reported by the worker to the API (POST /internal/runs/:runId/events). */
export type RunEvent =
  | { type: 'run'; runId: string; workspaceId: string; status: RunStatus; error?: string; at: string }
  | {
      type: 'step';
      runId: string;
      workspaceId: string;
      stepId: NodeId;
      kind: StepKind;
      status: StepStatus;
      /** Which output port the step left by (condition: yes/no). */
      port?: string;
      input?: unknown;
      output?: unknown;
      error?: string;
      at: string;
    };

export const PLAYBOOK_RUN_WORKFLOW = 'playbookRun';
export const DEFAULT_TASK_QUEUE = 'tripline-playbooks';

/** The workflow id of an enrollment: stable, so a retried dispatch never starts a second run. */
export function workflowIdForEnrollment(workspaceId: string, enrollmentKey: string): string {
  return `tripline:${workspaceId}:${enrollmentKey}`;
}
