import { CancellationScope } from '@temporalio/workflow';
import type { RunStatus } from '@tripline/playbook';
import type { RunReporter } from '../run-reporter';
import type { CompensationReason, CompensationReport } from './undo-entry';
import type { UndoStack } from './undo-stack';

export interface RunCompensation {
  /** The run status reported: 'compensated' (rejected/cancelled, all undone) or 'failed'. */
  status: Extract<RunStatus, 'compensated' | 'failed'>;
  /** The run's error message when it ended failed (the cause, plus what compensation did). */
  message?: string;
  report: CompensationReport;
}

/**
 * Rolls a run back and reports how it ended. Runs in a non-cancellable scope, so a cancel request
 * does not cancel the undos themselves. Final status:
 * - rejected / cancelled, every undo done → 'compensated';
 * - a failure → 'failed' (the run did fail, and operators look for failed runs to retry), its
 *   message saying what was undone;
 * - any undo failing → 'failed', the message naming each undo that failed (never swallowed).
 * `cause` is the error that made the run compensate, if any. The caller returns or rethrows.
 */
export function compensateRun(options: {
  stack: UndoStack;
  reporter: RunReporter;
  reason: CompensationReason;
  cause?: string;
}): Promise<RunCompensation> {
  const { stack, reporter, reason, cause } = options;
  return CancellationScope.nonCancellable(async () => {
    const report = await stack.compensate(reason);
    const summary = compensationSummary(report);
    const failed = report.failed.length > 0 || reason === 'failed';
    const message = failed ? [cause, summary].filter(Boolean).join('; ') : undefined;
    const status = failed ? 'failed' : 'compensated';
    await reporter.failedQuietly(() => reporter.runStatus(status, message));
    return { status, ...(message === undefined ? {} : { message }), report };
  });
}

/** One line about what compensation did, e.g. "compensation failed: undo of create-2 (…) failed: …". */
export function compensationSummary(report: CompensationReport): string {
  const parts: string[] = [];
  if (report.failed.length > 0) {
    parts.push(`compensation failed: ${report.failed.map((failure) => `undo of ${failure.stepId} failed: ${failure.error}`).join('; ')}`);
  }
  if (report.undone.length > 0) parts.push(`undone: ${report.undone.join(', ')}`);
  if (report.notUndoable.length > 0) parts.push(`cannot be undone: ${report.notUndoable.map((entry) => entry.stepId).join(', ')}`);
  return parts.join('; ');
}
