import type { PlaybookRunInput } from '@tripline/playbook';
import { failureMessage } from '../failure-message';
import type { RunReporter } from '../run-reporter';
import { undoActivities } from './compensation-activities';
import { undoStepId, type CompensationReason, type CompensationReport, type UndoEntry } from './undo-entry';

/** What `snapshot()` returns and `restore()` takes: plain data for continue-as-new (`resume.carry`). */
export interface UndoStackSnapshot {
  entries: UndoEntry[];
}

/**
 * The completed write actions of a run, newest last. `compensate` undoes them newest first through
 * the `compensateAction` activity (idempotent under `<key>:undo`), reporting a step event for each
 * (`<node>:undo`): completed, skipped ("cannot be undone") or failed. A failed undo does not stop
 * the others — leaving more behind would not help — and is returned in the report so the run can
 * end failed naming it. Deterministic: only activities and workflow state.
 */
export class UndoStack {
  private entries: UndoEntry[];

  constructor(
    private readonly run: Pick<PlaybookRunInput, 'runId' | 'workspaceId'>,
    private readonly reporter: RunReporter,
    snapshot?: UndoStackSnapshot,
  ) {
    this.entries = snapshot ? snapshot.entries.map((entry) => ({ ...entry })) : [];
  }

  /** A stack carried over continue-as-new (`snapshot()` of the previous run), or an empty one. */
  static restore(run: Pick<PlaybookRunInput, 'runId' | 'workspaceId'>, reporter: RunReporter, snapshot: unknown): UndoStack {
    return new UndoStack(run, reporter, isSnapshot(snapshot) ? snapshot : undefined);
  }

  push(entry: UndoEntry): void {
    this.entries.push(entry);
  }

  get size(): number {
    return this.entries.length;
  }

  snapshot(): UndoStackSnapshot {
    return { entries: this.entries.map((entry) => ({ ...entry })) };
  }

  /** Undoes every entry, newest first, and empties the stack (a second call has nothing to do). */
  async compensate(reason: CompensationReason): Promise<CompensationReport> {
    const report: CompensationReport = { reason, undone: [], notUndoable: [], failed: [] };
    while (this.entries.length > 0) {
      const entry = this.entries.pop()!;
      await this.compensateOne(entry, report);
    }
    return report;
  }

  private async compensateOne(entry: UndoEntry, report: CompensationReport): Promise<void> {
    const stepId = undoStepId(entry);
    const what = `${entry.connector}.${entry.action}`;
    if (entry.kind !== 'undo') {
      const why = entry.kind === 'irreversible' ? `${what} cannot be undone (irreversible)` : `${what} cannot be undone (it declares no undo)`;
      report.notUndoable.push({ stepId: entry.stepId, why });
      await this.reporter.step(stepId, 'action', 'skipped', { output: { compensation: entry.kind, message: why } });
      return;
    }
    await this.reporter.step(stepId, 'action', 'running', { input: { undo: entry.stepId, action: what, reason: report.reason } });
    try {
      const result = await undoActivities(entry.connector).compensateAction({
        workspaceId: this.run.workspaceId,
        runId: this.run.runId,
        stepId: entry.stepId,
        connector: entry.connector,
        action: entry.action,
        connection: entry.connection,
        idempotencyKey: entry.idempotencyKey,
        output: entry.output,
        ...(entry.input === undefined ? {} : { input: entry.input }),
        ...(entry.templates ? { templates: entry.templates } : {}),
      });
      report.undone.push(entry.stepId);
      await this.reporter.step(stepId, 'action', 'completed', { output: result.output });
    } catch (error) {
      const message = failureMessage(error);
      report.failed.push({ stepId: entry.stepId, error: message });
      await this.reporter.step(stepId, 'action', 'failed', { error: `undo of ${entry.stepId} (${what}) failed: ${message}` });
    }
  }
}

function isSnapshot(value: unknown): value is UndoStackSnapshot {
  return typeof value === 'object' && value !== null && Array.isArray((value as UndoStackSnapshot).entries);
}
