import type { NodeId, PlaybookRunInput, RunStatus, StepKind, StepStatus } from '@tripline/playbook';
import { log, patched } from '@temporalio/workflow';
import { LOCAL_REPORTING_PATCH, reporting, reportingLocally } from './activity-proxies';
import { upsertRunStatus } from './run-status-search-attribute';

export interface StepReport {
  port?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
}

/**
 * Sends run and step status to the API through the `recordRunEvent` activity. `at` is workflow
 * time (`new Date()` inside a workflow is deterministic: the time of the current workflow task).
 */
export class RunReporter {
  constructor(private readonly run: Pick<PlaybookRunInput, 'runId' | 'workspaceId'>) {}

  runStatus(status: RunStatus, error?: string): Promise<void> {
    upsertRunStatus(status);
    return reporter().recordRunEvent({
      type: 'run',
      runId: this.run.runId,
      workspaceId: this.run.workspaceId,
      status,
      ...(error === undefined ? {} : { error }),
      at: new Date().toISOString(),
    });
  }

  step(stepId: NodeId, kind: StepKind, status: StepStatus, report: StepReport = {}): Promise<void> {
    return reporter().recordRunEvent({
      type: 'step',
      runId: this.run.runId,
      workspaceId: this.run.workspaceId,
      stepId,
      kind,
      status,
      ...withoutUndefined(report),
      at: new Date().toISOString(),
    });
  }

  /** Reports a failure without letting a reporting failure hide the original error. */
  async failedQuietly(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      log.error('Could not report a failure to the API', { error: (error as Error).message });
    }
  }
}

/** Local reporting for runs that started with the patch; the scheduled activity for older histories. */
function reporter(): typeof reporting {
  return patched(LOCAL_REPORTING_PATCH) ? reportingLocally : reporting;
}

function withoutUndefined(report: StepReport): StepReport {
  return Object.fromEntries(Object.entries(report).filter(([, value]) => value !== undefined));
}
