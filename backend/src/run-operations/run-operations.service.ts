import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { PLAYBOOK_RUN_WORKFLOW, runSearchAttributesAtStart, type RunStatus } from '@tripline/playbook';
import { GraphQLError } from 'graphql';
import { Between, DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { Transactions } from '../database/transactions';
import { badUserInput, notFound } from '../graphql/errors';
import { describeError } from '../outbox/temporal-errors';
import { RunEntity } from '../runs/run.entity';
import { RunModel } from '../runs/run.model';
import { RunsService } from '../runs/runs.service';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { typedSearchAttributes } from '../temporal/typed-search-attributes';
import { BulkRetryRunsInput, MAX_BULK_RETRY_RUNS } from './dto/bulk-retry-runs.input';
import { RunOperationAction, RunOperationEntity } from './run-operation.entity';
import { RunStepEntity } from '../runs/run-step.entity';
import { firstWorkflowTask, ResetPoint, startedInput, workflowTaskBeforeStep } from './workflow-history';

/** Which run states each action accepts (the run row's status, as the designer shows it). */
const ACCEPTS: Record<RunOperationAction, readonly RunStatus[]> = {
  retry: ['failed', 'cancelled'],
  cancel: ['pending', 'running', 'waiting'],
  reset: ['failed', 'cancelled', 'running', 'waiting'],
};
const VERB: Record<RunOperationAction, string> = { retry: 'retried', cancel: 'cancelled', reset: 'reset' };

export interface BulkRetryOutcome {
  runId: string;
  ok: boolean;
  error: string | null;
}

/**
 * Operator actions on runs, each on the run's own workflow id so the side-effect ledger keys
 * (`<workflowId>:<stepId>:<visit>`) of a retried or reset run are those of the first attempt: steps
 * that already acted return their recorded result instead of acting again.
 *
 * - retry: a new execution of the same workflow id with the input the failed one started with
 *   (read from its history), allowed by WorkflowIdReusePolicy ALLOW_DUPLICATE_FAILED_ONLY — a
 *   completed run can never be started again by accident, and the outbox dispatcher keeps
 *   REJECT_DUPLICATE so a re-dispatched firing still never restarts a closed run.
 * - cancel: Temporal cancellation; the workflow reports 'cancelled' (and compensates) itself.
 * - reset: Temporal reset to the workflow task that began step `toStep`, or to the first workflow
 *   task (the whole run again; the ledger answers for what was done).
 *
 * Every attempt is recorded in run_operations (append-only), refused or not.
 */
@Injectable()
export class RunOperationsService {
  private readonly logger = new Logger(RunOperationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly temporal: TemporalClientProvider,
    private readonly runs: RunsService,
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly audit: AuditLog,
  ) {}

  retry(principal: Principal, runId: string, detail: Record<string, unknown> = {}): Promise<RunModel> {
    return this.operate(principal, runId, 'retry', detail, async (run, client) => {
      const input = await startedInput(client, run.workflowId);
      const handle = await client.workflow.start(PLAYBOOK_RUN_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: run.workflowId,
        args: [input],
        // Only a failed, cancelled, terminated or timed-out execution may be followed by another.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: typedSearchAttributes(
          runSearchAttributesAtStart({ playbook: { id: run.playbookId, version: run.playbookVersion }, subject: input.subject, context: input.context }),
        ),
      });
      return { temporalRunId: handle.firstExecutionRunId };
    });
  }

  cancel(principal: Principal, runId: string): Promise<RunModel> {
    return this.operate(principal, runId, 'cancel', {}, async (run, client) => {
      await client.workflow.getHandle(run.workflowId).cancel();
      return {};
    });
  }

  reset(principal: Principal, runId: string, toStep: string | null | undefined): Promise<RunModel> {
    return this.operate(principal, runId, 'reset', toStep ? { toStep } : {}, async (run, client) => {
      const point = await this.resetPoint(client, run, toStep);
      const response = await client.workflowService.resetWorkflowExecution({
        namespace: client.options.namespace,
        workflowExecution: { workflowId: run.workflowId, runId: point.temporalRunId },
        workflowTaskFinishEventId: point.eventId,
        reason: `Tripline operator ${principal.userId}: reset ${toStep ? `to step ${toStep}` : 'to the first workflow task'}`,
        requestId: randomUUID(),
      });
      return { temporalRunId: response.runId, resetEventId: Number(point.eventId.toString()) };
    });
  }

  /** Retries every failed run of the workspace that finished in [failedFrom, failedTo], one by one. */
  async bulkRetry(principal: Principal, input: BulkRetryRunsInput): Promise<BulkRetryOutcome[]> {
    if (!(input.failedFrom.getTime() < input.failedTo.getTime())) {
      throw badUserInput(`input.failedFrom (${input.failedFrom.toISOString()}) must be before input.failedTo (${input.failedTo.toISOString()})`, { field: 'input.failedFrom' });
    }
    const failed = await this.dataSource.getRepository(RunEntity).find({
      select: { id: true },
      where: {
        workspaceId: principal.workspaceId,
        status: 'failed',
        finishedAt: Between(input.failedFrom, input.failedTo),
        ...(input.playbookId ? { playbookId: input.playbookId } : {}),
      },
      order: { finishedAt: 'ASC', id: 'ASC' },
      take: MAX_BULK_RETRY_RUNS + 1,
    });
    if (failed.length > MAX_BULK_RETRY_RUNS) {
      throw badUserInput(`More than ${MAX_BULK_RETRY_RUNS} runs failed in this window; narrow input.failedFrom/failedTo or set input.playbookId`, { field: 'input' });
    }
    const outcomes: BulkRetryOutcome[] = [];
    for (const { id } of failed) {
      try {
        await this.retry(principal, id, { bulk: true });
        outcomes.push({ runId: id, ok: true, error: null });
      } catch (error) {
        outcomes.push({ runId: id, ok: false, error: describeError(error) });
      }
    }
    return outcomes;
  }

  /** The recorded operator actions on a run, oldest first. */
  async history(workspaceId: string, runId: string): Promise<RunOperationEntity[]> {
    return this.dataSource.getRepository(RunOperationEntity).find({ where: { workspaceId, runId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private async resetPoint(client: Client, run: RunEntity, toStep: string | null | undefined): Promise<ResetPoint> {
    if (!toStep) {
      const first = await firstWorkflowTask(client, run.workflowId);
      if (!first) throw badUserInput(`Run ${run.id} has not completed its first workflow task yet; nothing to reset to`);
      return first;
    }
    // When the step first started (its first recorded row): found in the history by its workflow task.
    const firstVisit = await this.dataSource.getRepository(RunStepEntity).findOne({ where: { workspaceId: run.workspaceId, runId: run.id, stepId: toStep }, order: { seq: 'ASC' } });
    const point = await workflowTaskBeforeStep(client, run.workflowId, toStep, firstVisit?.startedAt);
    if (!point) throw badUserInput(`Run ${run.id} never reached step '${toStep}'; reset to a step it started, or without toStep`, { field: 'toStep' });
    return point;
  }

  /**
   * The shape every action shares: find the run (NOT_FOUND outside the workspace), check its state,
   * move the row to 'pending' for retry/reset before Temporal is asked (so the new execution's first
   * reports are accepted; a concurrent action on the same run finds the row moved and is refused),
   * put the row back if Temporal refuses, and record the attempt.
   */
  private async operate(
    principal: Principal,
    runId: string,
    action: RunOperationAction,
    detail: Record<string, unknown>,
    act: (run: RunEntity, client: Client) => Promise<Record<string, unknown>>,
  ): Promise<RunModel> {
    const run = await this.dataSource.getRepository(RunEntity).findOneBy({ workspaceId: principal.workspaceId, id: runId });
    if (!run) throw notFound(`Run ${runId}`);
    const accepted = ACCEPTS[action];
    if (!accepted.includes(run.status)) {
      const refusal = badUserInput(`Run ${runId} is ${run.status}; only ${listOf(accepted)} runs can be ${VERB[action]}`, { runStatus: run.status });
      await this.record(principal, run, action, 'failed', detail, refusal.message);
      throw refusal;
    }
    const restarts = action !== 'cancel';
    try {
      const client = await this.temporal.getClient().catch((error: unknown) => {
        throw new GraphQLError(`Temporal is unreachable at ${this.temporal.address}; try again when it is back (${describeError(error)})`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      });
      if (restarts && !(await this.moveToPending(run))) throw badUserInput(`Run ${runId} changed while this ${action} was starting; look at it again`);
      let done: Record<string, unknown>;
      try {
        done = await act(run, client);
      } catch (error) {
        if (restarts) await this.restore(run);
        throw error;
      }
      await this.record(principal, run, action, 'ok', { ...detail, ...done }, null);
    } catch (error) {
      await this.record(principal, run, action, 'failed', detail, describeError(error)).catch(() => undefined);
      this.logger.warn(`${action} of run ${runId} failed: ${describeError(error)}`);
      throw error instanceof GraphQLError ? error : badUserInput(`Could not ${action} run ${runId}: ${describeError(error)}`);
    }
    await this.runs.publish(principal.workspaceId, runId).catch(() => undefined);
    const model = await this.runs.findModel(principal.workspaceId, runId);
    if (!model) throw notFound(`Run ${runId}`);
    return model;
  }

  /** Guarded: only from the status read above, so two operators cannot both restart one run. */
  private async moveToPending(run: RunEntity): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RunEntity)
        .set({ status: 'pending', error: null, finishedAt: null, updatedAt: new Date() })
        .where({ id: run.id, workspaceId: run.workspaceId, status: In([run.status]) })
        .execute();
      return result.affected === 1;
    });
  }

  private async restore(run: RunEntity): Promise<void> {
    await this.transactions.run((manager) =>
      manager.update(RunEntity, { id: run.id, status: 'pending' }, { status: run.status, error: run.error, finishedAt: run.finishedAt, updatedAt: new Date() }),
    );
  }

  private async record(
    principal: Principal,
    run: RunEntity,
    action: RunOperationAction,
    outcome: 'ok' | 'failed',
    detail: Record<string, unknown>,
    error: string | null,
  ): Promise<void> {
    // Cast: TypeORM's partial-entity type cannot express a simple-json column of type Record<string, unknown>.
    const operationId = randomUUID();
    await this.transactions.run(async (manager) => {
      await manager.insert(RunOperationEntity, {
        id: operationId,
        workspaceId: principal.workspaceId,
        runId: run.id,
        action,
        actorUserId: principal.userId,
        outcome,
        detail: Object.keys(detail).length > 0 ? detail : null,
        error,
        createdAt: new Date(),
      } as QueryDeepPartialEntity<RunOperationEntity>);
      // One entry per operation row, refused and failed attempts included (a bulk retry: one per run).
      await this.audit.append(manager, {
        workspaceId: principal.workspaceId,
        actor: { userId: principal.userId },
        action: `run.${action}`,
        target: { kind: 'run', id: run.id },
        details: { operationId, outcome, ...boundedStrings(detail), ...(error ? { error: error.slice(0, 1000) } : {}) },
      });
    });
  }
}

/** What an action did, with any text (e.g. an operator's `toStep`) cut to 200 characters for the audit entry. */
function boundedStrings(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, typeof value === 'string' ? value.slice(0, 200) : value]));
}

function listOf(statuses: readonly string[]): string {
  return statuses.length === 1 ? statuses[0] : `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;
}
