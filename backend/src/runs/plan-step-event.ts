import type { RunEvent } from '@tripline/playbook';
import { maskSecrets } from './mask-secrets';
import { RunStepEntity } from './run-step.entity';

export type StepEvent = Extract<RunEvent, { type: 'step' }>;

type StepRow = Pick<RunStepEntity, 'id' | 'seq' | 'stepId' | 'status' | 'port' | 'startedAt' | 'finishedAt'>;
type NewStep = Omit<RunStepEntity, 'id' | 'runId' | 'workspaceId'>;

export type StepEventPlan =
  | { action: 'ignore' }
  | { action: 'insert'; step: NewStep }
  | { action: 'update'; id: string; changes: Partial<RunStepEntity> };

/**
 * Decides how a step event changes a run's step history (`history`: every row of the run).
 * One row per execution: 'running' opens a row; completed/failed/skipped closes the open row of that
 * step, or records a finished row when the worker reports only the outcome.
 * Repeats are recognised and ignored (the worker retries deliveries):
 * - 'running' while the step already has an open row, or a row started at the same instant;
 * - an outcome already recorded for that step at the same instant, or an outcome that repeats the
 *   run's latest row (same step, status and port).
 */
export function planStepEvent(history: readonly StepRow[], event: StepEvent): StepEventPlan {
  const at = new Date(event.at);
  const ofStep = history.filter((row) => row.stepId === event.stepId);
  const input = event.input === undefined ? undefined : maskSecrets(event.input);
  const output = event.output === undefined ? undefined : maskSecrets(event.output);

  if (event.status === 'running') {
    const repeat = ofStep.some((row) => row.status === 'running' || row.startedAt.getTime() === at.getTime());
    if (repeat) return { action: 'ignore' };
    return { action: 'insert', step: newRow(history, event, at, input, output, null) };
  }

  const open = ofStep.find((row) => row.status === 'running');
  if (open) {
    const changes: Partial<RunStepEntity> = {
      status: event.status,
      port: event.port ?? null,
      error: event.error ?? null,
      finishedAt: at,
    };
    if (input !== undefined) changes.input = input;
    if (output !== undefined) changes.output = output;
    return { action: 'update', id: open.id, changes };
  }

  const latest = history.reduce<StepRow | undefined>((last, row) => (!last || row.seq > last.seq ? row : last), undefined);
  const repeat =
    ofStep.some((row) => row.status === event.status && row.finishedAt?.getTime() === at.getTime()) ||
    (latest !== undefined && latest.stepId === event.stepId && latest.status === event.status && (latest.port ?? null) === (event.port ?? null));
  if (repeat) return { action: 'ignore' };
  return { action: 'insert', step: newRow(history, event, at, input, output, at) };
}

function newRow(history: readonly StepRow[], event: StepEvent, at: Date, input: unknown, output: unknown, finishedAt: Date | null): NewStep {
  return {
    seq: history.reduce((max, row) => Math.max(max, row.seq), 0) + 1,
    stepId: event.stepId,
    kind: event.kind,
    status: event.status,
    port: event.port ?? null,
    input: input ?? null,
    output: output ?? null,
    error: event.error ?? null,
    startedAt: at,
    finishedAt,
  };
}
