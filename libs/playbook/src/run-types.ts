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
  /** Set only by the workflow itself when it continues as new: where and how to pick up. */
  resume?: RunResume;
  /** Runtime limits; the dispatcher leaves them unset (defaults apply), tests lower them. */
  limits?: RunLimits;
}

/** Where a run that continued as new picks up: same input snapshot, same counters. */
export interface RunResume {
  /** The node the run goes on with. */
  nodeId: NodeId;
  /** Visits per node so far, so idempotency keys (`<workflowId>:<stepId>:<visit>`) stay unique. */
  visits: Record<NodeId, number>;
  /** Every node visited so far, across all earlier runs. */
  path: NodeId[];
  /** Steps taken so far across all earlier runs (the MAX_STEPS_PER_RUN guard counts them all). */
  stepsTaken: number;
  /** How many times this enrollment has continued as new. */
  continuedAsNew: number;
  /** State other parts of the interpreter keep (e.g. the compensation undo stack); opaque to the interpreter. */
  carry?: Record<string, unknown>;
}

export interface RunLimits {
  /** Steps one workflow history runs before continuing as new (default 250; Temporal may suggest it earlier). */
  stepsPerHistory?: number;
  /** Steps an enrollment may take in all before it fails as looping (default 1000). */
  maxSteps?: number;
}

export interface PlaybookRunResult {
  /** 'compensated': an approval was rejected with no "rejected" edge and the run's actions were undone. */
  status: 'completed' | 'exited' | 'compensated';
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
