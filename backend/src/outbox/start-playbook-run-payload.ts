import type { PlaybookRunInput } from '@tripline/playbook';

/**
 * What an outbox row carries to start one run: the workflow input minus the run id (made by
 * RunsService.ensureRun at dispatch), plus what names the run and its workflow.
 */
export interface StartPlaybookRunPayload extends Omit<PlaybookRunInput, 'runId'> {
  playbookId: string;
  playbookName: string;
  playbookVersion: number;
  /** Deterministic: the workflow id is workflowIdForEnrollment(workspaceId, enrollmentKey). */
  enrollmentKey: string;
}
