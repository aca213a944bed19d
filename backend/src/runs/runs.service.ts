import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunEvent, RunSubject } from '@tripline/playbook';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { Transactions } from '../database/transactions';
import { MAX_RUNS_PER_PAGE, RunFilterInput } from './dto/run-filter.input';
import { planStepEvent } from './plan-step-event';
import { parseRunEvent } from './run-event.schema';
import { canMoveRun, isTerminalRunStatus } from './run-status';
import { RunStepEntity } from './run-step.entity';
import { RunUpdates } from './run-updates';
import { toRunModel } from './run-view';
import { RunEntity } from './run.entity';
import { RunModel } from './run.model';

export interface EnsureRunInput {
  workspaceId: string;
  playbookId: string;
  playbookName: string;
  playbookVersion: number;
  /** tripline:<workspace>:<enrollment key> (workflowIdForEnrollment). */
  workflowId: string;
  enrollmentKey: string;
  subject: RunSubject;
}

export interface AppliedRunEvent {
  /** False when the event repeated one already stored (or would move a finished run). */
  changed: boolean;
  run: RunModel;
}

@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly updates: RunUpdates,
  ) {}

  /**
   * The run of a workflow id, created as pending on first call. Idempotent: the outbox dispatcher calls
   * it before every (re)try of starting the workflow, inside its own transaction when it passes `manager`.
   * It does not publish: call `publish(run.id)` once that transaction has committed.
   */
  ensureRun(input: EnsureRunInput, manager?: EntityManager): Promise<RunEntity> {
    return manager ? this.insertRunOnce(input, manager) : this.transactions.run((own) => this.insertRunOnce(input, own));
  }

  private async insertRunOnce(input: EnsureRunInput, manager: EntityManager): Promise<RunEntity> {
    const now = new Date();
    await manager
      .createQueryBuilder()
      .insert()
      .into(RunEntity)
      .values({
        id: randomUUID(),
        workspaceId: input.workspaceId,
        playbookId: input.playbookId,
        playbookName: input.playbookName,
        playbookVersion: input.playbookVersion,
        workflowId: input.workflowId,
        enrollmentKey: input.enrollmentKey,
        subjectKind: input.subject.kind,
        subjectId: input.subject.id,
        status: 'pending',
        error: null,
        startedAt: now,
        updatedAt: now,
        finishedAt: null,
      })
      // The unique workflow_id makes a concurrent or repeated call a no-op (ON CONFLICT DO NOTHING on
      // both databases), and unlike a caught error it leaves a PostgreSQL transaction usable.
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(RunEntity, { workflowId: input.workflowId });
  }

  /**
   * Stores one event reported by the worker and publishes the updated run. `body` is untrusted:
   * a malformed event is a 400 naming the field; an unknown run (or another workspace's) a 404.
   * Idempotent: a repeated event changes nothing, and a finished run's status never moves back.
   */
  async applyEvent(body: unknown): Promise<AppliedRunEvent> {
    const event = parseRunEvent(body);
    const changed = await this.withRunLocked(event, (run, manager) => this.store(run, event, manager));
    const run = await this.findModel(event.workspaceId, event.runId);
    if (!run) throw new NotFoundException(`Run ${event.runId} not found`);
    if (changed) await this.updates.publish(event.workspaceId, run);
    return { changed, run };
  }

  /** Publishes a run's current state (e.g. after the dispatcher's transaction that created it committed). */
  async publish(workspaceId: string, runId: string): Promise<void> {
    const run = await this.findModel(workspaceId, runId);
    if (run) await this.updates.publish(workspaceId, run);
  }

  async list(workspaceId: string, filter: RunFilterInput = {}): Promise<RunModel[]> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), MAX_RUNS_PER_PAGE);
    const runs = await this.dataSource.getRepository(RunEntity).find({
      where: {
        workspaceId,
        ...(filter.playbookId ? { playbookId: filter.playbookId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
      },
      order: { startedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    if (runs.length === 0) return [];
    const steps = await this.dataSource.getRepository(RunStepEntity).find({
      where: { workspaceId, runId: In(runs.map((run) => run.id)) },
    });
    return runs.map((run) =>
      toRunModel(
        run,
        steps.filter((step) => step.runId === run.id),
        this.config.temporal,
      ),
    );
  }

  /** A run of the workspace with its steps, or null (unknown id, or another workspace's run). */
  async findModel(workspaceId: string, id: string): Promise<RunModel | null> {
    const run = await this.dataSource.getRepository(RunEntity).findOneBy({ workspaceId, id });
    if (!run) return null;
    const steps = await this.dataSource.getRepository(RunStepEntity).findBy({ workspaceId, runId: id });
    return toRunModel(run, steps, this.config.temporal);
  }

  /**
   * Runs `work` in one transaction with the run row locked against other writers: SELECT … FOR UPDATE
   * on PostgreSQL (API replicas may receive one run's events side by side); on SQLite, Transactions
   * already runs units of work one at a time.
   */
  private withRunLocked<T>(event: RunEvent, work: (run: RunEntity, manager: EntityManager) => Promise<T>): Promise<T> {
    const where = { id: event.runId, workspaceId: event.workspaceId };
    const lock = this.dataSource.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    return this.transactions.run(async (manager) => {
      const run = await manager.findOne(RunEntity, { where, ...lock });
      if (!run) throw new NotFoundException(`Run ${event.runId} not found in workspace ${event.workspaceId}`);
      return work(run, manager);
    });
  }

  /** Applies the event to the locked run; true when anything changed. */
  private async store(run: RunEntity, event: RunEvent, manager: EntityManager): Promise<boolean> {
    const now = new Date();
    if (event.type === 'run') {
      if (!canMoveRun(run.status, event.status)) return false;
      const terminal = isTerminalRunStatus(event.status);
      await manager.update(
        RunEntity,
        { id: run.id },
        {
          status: event.status,
          error: event.error ?? (terminal ? run.error : null),
          updatedAt: now,
          finishedAt: terminal ? new Date(event.at) : null,
        },
      );
      return true;
    }

    const history = await manager.find(RunStepEntity, {
      select: { id: true, seq: true, stepId: true, status: true, port: true, startedAt: true, finishedAt: true },
      where: { runId: run.id },
    });
    const plan = planStepEvent(history, event);
    if (plan.action === 'ignore') return false;
    if (plan.action === 'insert') {
      const step = { id: randomUUID(), runId: run.id, workspaceId: run.workspaceId, ...plan.step };
      // Casts: TypeORM's partial-entity type cannot express simple-json columns of type unknown.
      await manager.insert(RunStepEntity, step as QueryDeepPartialEntity<RunStepEntity>);
    } else {
      await manager.update(RunStepEntity, { id: plan.id }, plan.changes as QueryDeepPartialEntity<RunStepEntity>);
    }
    // A step at work means the run is too (the worker may not have reported that yet).
    const runChanges: Partial<RunEntity> = { updatedAt: now };
    if (run.status === 'pending') runChanges.status = 'running';
    await manager.update(RunEntity, { id: run.id }, runChanges);
    return true;
  }
}
