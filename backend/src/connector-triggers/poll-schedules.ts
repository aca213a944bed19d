import { Inject, Injectable, Logger } from '@nestjs/common';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { backfillWorkflowId, pollScheduleId, POLL_WORKFLOW_TYPE, type PollWorkflowInput } from './poll-schedule-ids';

export interface PollSchedule {
  input: PollWorkflowInput;
  intervalSeconds: number;
}

/**
 * The Temporal side of polling: one Schedule per enabled polling subscription, every
 * `intervalSeconds`, overlap SKIP (a slow poll is never run twice at once; the next interval picks
 * up from its checkpoint), starting `pollConnectorTrigger` on the playbook task queue.
 */
@Injectable()
export class PollSchedules {
  private readonly logger = new Logger('ConnectorTriggers');

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** Creates the schedule, or brings an existing one up to date (interval, input). */
  async upsert(schedule: PollSchedule): Promise<void> {
    const { workspaceId, connectionId, trigger } = schedule.input;
    const scheduleId = pollScheduleId(workspaceId, connectionId, trigger);
    const client = await this.temporal.getClient();
    const spec = { intervals: [{ every: schedule.intervalSeconds * 1000 }] };
    const action: ScheduleOptionsStartWorkflowAction<never> = {
      type: 'startWorkflow',
      workflowType: POLL_WORKFLOW_TYPE,
      taskQueue: this.config.temporal.taskQueue,
      workflowId: scheduleId,
      args: [schedule.input] as never,
      workflowExecutionTimeout: `${Math.max(schedule.intervalSeconds * 10, 600)}s`,
    };
    try {
      await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action: action as never }));
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      await client.schedule.create({
        scheduleId,
        spec,
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
        // The first poll now rather than one interval from now.
        state: { triggerImmediately: true },
      });
      this.logger.log(`Created poll schedule ${scheduleId} (every ${schedule.intervalSeconds} s)`);
    }
  }

  /** True when there was one. */
  async remove(workspaceId: string, connectionId: string, trigger: string): Promise<boolean> {
    const client = await this.temporal.getClient();
    try {
      await client.schedule.getHandle(pollScheduleId(workspaceId, connectionId, trigger)).delete();
      return true;
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return false;
      throw error;
    }
  }

  async exists(workspaceId: string, connectionId: string, trigger: string): Promise<boolean> {
    const client = await this.temporal.getClient();
    try {
      await client.schedule.getHandle(pollScheduleId(workspaceId, connectionId, trigger)).describe();
      return true;
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return false;
      throw error;
    }
  }

  /** Starts a one-off backfill; the same range asked again while it runs is the same workflow. */
  async startBackfill(input: PollWorkflowInput & { backfill: { from: string; to: string } }): Promise<string> {
    const client = await this.temporal.getClient();
    const workflowId = backfillWorkflowId(input.workspaceId, input.connectionId, input.trigger, new Date(input.backfill.from), new Date(input.backfill.to));
    try {
      await client.workflow.start(POLL_WORKFLOW_TYPE, { workflowId, taskQueue: this.config.temporal.taskQueue, args: [input] });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return workflowId;
  }
}
