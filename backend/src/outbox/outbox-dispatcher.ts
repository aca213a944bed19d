import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { PLAYBOOK_RUN_WORKFLOW, PlaybookRunInput, runSearchAttributesAtStart, workflowIdForEnrollment } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { RunsService } from '../runs/runs.service';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { typedSearchAttributes } from '../temporal/typed-search-attributes';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { SignalRunPayload } from './signal-run-payload';
import { signalWaitingRun } from './signal-waiting-run';
import type { StartPlaybookRunPayload } from './start-playbook-run-payload';
import { signalWorkflow, startWorkflow } from './workflow-dispatch';
import type { SignalWorkflowPayload, StartWorkflowPayload } from './workflow-payloads';
import { classifyDispatchError, describeError, TemporalUnreachableError } from './temporal-errors';
import { Transactions } from '../database/transactions';

/** Rows claimed per round. */
const CLAIM_BATCH = 100;
/**
 * Starts in flight at once. Each start is a round trip to Temporal; one at a time held a burst of
 * enrollments to a few per second. Rows of the same workflow (a start, then signals) stay in order.
 */
const DISPATCH_CONCURRENCY = 16;
/** A claimed row is left alone this long; if this process dies mid-dispatch, another round retries it. */
const CLAIM_LEASE_MS = 60_000;
/** Back-off between tries of one row (and of the whole loop while Temporal is unreachable). */
const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;
/** A start Temporal refuses as invalid is marked failed after this many tries (see classifyDispatchError). */
const MAX_REJECTED_ATTEMPTS = 3;
/** One start call may take this long. */
const START_DEADLINE_MS = 10_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

type RoundOutcome = { kind: 'idle' } | { kind: 'worked' } | { kind: 'unreachable'; retryInMs: number };

/**
 * Drains the outbox into Temporal, in the API process. Each pending row: ensureRun (the run row, by
 * workflow id) → start `playbookRun` with the deterministic workflow id → mark dispatched. A start
 * that finds the workflow already there counts as success, so a retried dispatch never starts a second
 * run. While Temporal is unreachable rows stay pending (attempts, last_error) and the loop backs off
 * (≤ 5 s); they start once it is back. Other row kinds: 'signalRun' wakes a waiting run;
 * 'startWorkflow' / 'signalWorkflow' (workflow-payloads.ts) start or signal any workflow — e.g. a
 * change request's changeApproval — on the same terms (already started / not found = done).
 *
 * Several API replicas can run this loop: a row is claimed with a guarded UPDATE (status 'pending' and
 * available_at due → available_at moves a lease ahead), so only the replica whose UPDATE matched
 * dispatches it; a replica dying mid-dispatch leaves the row to be retried after the lease.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  private backingOff = false;

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly transactions: Transactions,
    private readonly temporal: TemporalClientProvider,
    private readonly runs: RunsService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Stops before the database and the Temporal client close (their hooks run after this one). */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Called after an ingest commit that added rows: drain now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    // While Temporal is unreachable, new rows wait for the back-off like the others.
    if (!this.backingOff) this.wake?.();
  }

  /**
   * One round: claim due rows and dispatch them, up to DISPATCH_CONCURRENCY at a time; rows of one
   * workflow one after another, in id order. When Temporal turns out to be unreachable, rows not
   * tried yet go back to the queue with the back-off.
   */
  private async dispatchDue(): Promise<RoundOutcome> {
    const claimed = await this.claim();
    if (claimed.length === 0) return { kind: 'idle' };
    const lanes = [...groupBy(claimed, (row) => workflowIdOf(row)).values()];
    const untried: OutboxMessageEntity[] = [];
    let unreachable: number | undefined;
    const runLane = async (lane: OutboxMessageEntity[]) => {
      for (let i = 0; i < lane.length; i++) {
        if (!this.running || unreachable !== undefined) {
          untried.push(...lane.slice(i));
          return;
        }
        const retryInMs = await this.dispatchOne(lane[i]!);
        if (retryInMs !== undefined) {
          unreachable = retryInMs;
          untried.push(...lane.slice(i + 1));
          return;
        }
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(DISPATCH_CONCURRENCY, lanes.length) }, async () => {
        while (next < lanes.length) await runLane(lanes[next++]!);
      }),
    );
    if (unreachable !== undefined) {
      await this.release(untried, unreachable);
      await this.temporal.reset();
      this.logger.warn(`Temporal unreachable at ${this.temporal.address}; firing(s) wait (retry in ${unreachable} ms; ${untried.length} not tried this round)`);
      return { kind: 'unreachable', retryInMs: unreachable };
    }
    await this.release(untried, 0);
    return { kind: 'worked' };
  }

  /** Dispatches one row; on failure records it. Returns the back-off when Temporal is unreachable. */
  private async dispatchOne(row: OutboxMessageEntity): Promise<number | undefined> {
    try {
      await this.dispatch(row);
      return undefined;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = describeError(error);
      const failure = classifyDispatchError(error);
      if (failure === 'unreachable') {
        const retryInMs = backoffMs(attempts);
        await this.recordFailure(row, attempts, message, 'pending', retryInMs);
        return retryInMs;
      }
      const giveUp = failure === 'rejected' && attempts >= MAX_REJECTED_ATTEMPTS;
      await this.recordFailure(row, attempts, message, giveUp ? 'failed' : 'pending', backoffMs(attempts));
      this.logger.error(`Outbox ${row.id} (${row.kind} ${workflowIdOf(row)}) attempt ${attempts} failed${giveUp ? ', giving up' : ''}: ${message}`);
      return undefined;
    }
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let pauseMs = this.config.outboxPollMs;
      try {
        const outcome = await this.dispatchDue();
        if (outcome.kind === 'worked') pauseMs = 0;
        if (outcome.kind === 'unreachable') pauseMs = outcome.retryInMs;
        this.backingOff = outcome.kind === 'unreachable';
      } catch (error) {
        // The database itself failed (e.g. closed during shutdown): try again at the next poll.
        if (this.running) this.logger.error(`Outbox dispatcher round failed: ${describeError(error)}`);
      }
      if (pauseMs > 0 && this.running && !(this.nudged && !this.backingOff)) await this.pause(pauseMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        if (this.wake === finish) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }

  private async claim(): Promise<OutboxMessageEntity[]> {
    return this.transactions.run(async (manager) => {
      const now = new Date();
      const due = await manager
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('o')
        .where('o.status = :status AND o.availableAt <= :now', { status: 'pending', now })
        .orderBy('o.id', 'ASC')
        .limit(CLAIM_BATCH)
        .getMany();
      const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
      const claimed: OutboxMessageEntity[] = [];
      for (const row of due) {
        const result = await manager
          .createQueryBuilder()
          .update(OutboxMessageEntity)
          .set({ availableAt: leaseUntil })
          .where('id = :id AND status = :status AND available_at <= :now', { id: row.id, status: 'pending', now })
          .execute();
        if (result.affected === 1) claimed.push(row);
      }
      return claimed;
    });
  }

  private async dispatch(row: OutboxMessageEntity): Promise<void> {
    switch (row.kind) {
      case 'signalRun':
        return this.dispatchSignal(row, row.payload as SignalRunPayload);
      case 'startWorkflow':
      case 'signalWorkflow':
        return this.dispatchWorkflowRow(row);
      default:
        return this.dispatchPlaybookRun(row, row.payload as StartPlaybookRunPayload);
    }
  }

  private async dispatchPlaybookRun(row: OutboxMessageEntity, p: StartPlaybookRunPayload): Promise<void> {
    const workflowId = workflowIdForEnrollment(p.workspaceId, p.enrollmentKey);
    // Connect first: while Temporal is down nothing else is worth doing.
    const client = await this.temporal.getClient().catch((error: unknown) => {
      throw new TemporalUnreachableError(error);
    });
    const run = await this.transactions.run((manager: EntityManager) =>
      this.runs.ensureRun(
        {
          workspaceId: p.workspaceId,
          playbookId: p.playbookId,
          playbookName: p.playbookName,
          playbookVersion: p.playbookVersion,
          workflowId,
          enrollmentKey: p.enrollmentKey,
          subject: p.subject,
        },
        manager,
      ),
    );
    const input: PlaybookRunInput = { runId: run.id, workspaceId: p.workspaceId, playbook: p.playbook, subject: p.subject, context: p.context };
    try {
      await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        client.workflow.start(PLAYBOOK_RUN_WORKFLOW, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId,
          args: [input],
          // A workflow id is used once: closed or running, a second start is refused.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          // Filterable in the Temporal UI; the workflow keeps TriplineRunStatus current.
          typedSearchAttributes: typedSearchAttributes(
            runSearchAttributesAtStart({ playbook: { id: p.playbookId, version: p.playbookVersion }, subject: p.subject, context: p.context }),
          ),
        }),
      );
    } catch (error) {
      // Started by an earlier try whose bookkeeping did not finish: that run is this firing's run.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await this.transactions.run((manager) =>
      manager.update(OutboxMessageEntity, { id: row.id }, { status: 'dispatched', dispatchedAt: new Date(), attempts: row.attempts + 1, lastError: null }),
    );
    await this.runs.publish(p.workspaceId, run.id).catch((error: unknown) => {
      this.logger.warn(`Could not publish run ${run.id}: ${describeError(error)}`);
    });
  }

  /** A 'signalRun' row (run-waits/): wakes a waiting run. A run that has ended needs no signal; the row is done. */
  private async dispatchSignal(row: OutboxMessageEntity, payload: SignalRunPayload): Promise<void> {
    const client = await this.temporal.getClient().catch((error: unknown) => {
      throw new TemporalUnreachableError(error);
    });
    const delivered = await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () => signalWaitingRun(client, payload));
    const note = delivered ? null : 'the workflow had already closed: no run was waiting for the event';
    await this.transactions.run((manager) =>
      manager.update(OutboxMessageEntity, { id: row.id }, { status: 'dispatched', dispatchedAt: new Date(), attempts: row.attempts + 1, lastError: note }),
    );
  }

  /** A generic 'startWorkflow' / 'signalWorkflow' row (workflow-payloads.ts). */
  private async dispatchWorkflowRow(row: OutboxMessageEntity): Promise<void> {
    const client = await this.temporal.getClient().catch((error: unknown) => {
      throw new TemporalUnreachableError(error);
    });
    const note = await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      row.kind === 'startWorkflow'
        ? startWorkflow(client, row.payload as StartWorkflowPayload, this.config.temporal.taskQueue)
        : signalWorkflow(client, row.payload as SignalWorkflowPayload),
    );
    // Not found because its start has not gone out yet (it failed and is backing off): retry after it.
    if (row.kind === 'signalWorkflow' && note !== null && (await this.startStillPending(row))) {
      throw new Error(`the start of workflow ${workflowIdOf(row)} is still waiting in the outbox: this signal goes after it`);
    }
    await this.transactions.run((manager) =>
      manager.update(OutboxMessageEntity, { id: row.id }, { status: 'dispatched', dispatchedAt: new Date(), attempts: row.attempts + 1, lastError: note }),
    );
  }

  /** Whether an earlier 'startWorkflow' row of the same workflow is still pending. */
  private async startStillPending(row: OutboxMessageEntity): Promise<boolean> {
    const workflowId = workflowIdOf(row);
    const candidates = await this.transactions.run((manager) =>
      manager
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('o')
        .where('o.kind = :kind AND o.status = :status AND o.id < :id AND o.workspaceId = :workspaceId', {
          kind: 'startWorkflow',
          status: 'pending',
          id: row.id,
          workspaceId: row.workspaceId,
        })
        .getMany(),
    );
    return candidates.some((candidate) => workflowIdOf(candidate) === workflowId);
  }

  private async recordFailure(row: OutboxMessageEntity, attempts: number, message: string, status: 'pending' | 'failed', retryInMs: number): Promise<void> {
    await this.transactions.run((manager) =>
      manager.update(OutboxMessageEntity, { id: row.id }, { status, attempts, lastError: message, availableAt: new Date(Date.now() + retryInMs) }),
    );
  }

  /** Gives claimed rows that were not tried back to the queue. */
  private async release(rows: OutboxMessageEntity[], afterMs: number): Promise<void> {
    if (rows.length === 0) return;
    const availableAt = new Date(Date.now() + afterMs);
    await this.transactions.run(async (manager) => {
      for (const row of rows) await manager.update(OutboxMessageEntity, { id: row.id, status: 'pending' }, { availableAt });
    });
  }
}

/** The workflow a row starts or signals: rows of one workflow are dispatched in order. */
function workflowIdOf(row: OutboxMessageEntity): string {
  if (row.kind === 'startPlaybookRun') {
    const payload = row.payload as StartPlaybookRunPayload;
    return workflowIdForEnrollment(payload.workspaceId, payload.enrollmentKey);
  }
  return (row.payload as SignalRunPayload | StartWorkflowPayload | SignalWorkflowPayload).workflowId;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
