import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PlaybookRunInput, RunEvent } from '@tripline/playbook';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type EventId = NonNullable<HistoryEvent['eventId']>;

const { EventType } = temporal.api.enums.v1;

/** The input the workflow's latest execution started with (its first history event). */
export async function startedInput(client: Client, workflowId: string): Promise<PlaybookRunInput> {
  const page = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId },
    maximumPageSize: 1,
  });
  const payload = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error(`Workflow ${workflowId} has no recorded start input`);
  return defaultPayloadConverter.fromPayload(payload) as PlaybookRunInput;
}

/** Where a reset goes back to: the id of a WorkflowTaskCompleted event of the execution. */
export interface ResetPoint {
  eventId: EventId;
  /** The execution (Temporal run id) the event belongs to. */
  temporalRunId: string;
}

/** The first workflow task: the reset replays the whole run (the ledger answers for steps already done). */
export async function firstWorkflowTask(client: Client, workflowId: string): Promise<ResetPoint | undefined> {
  const { events, temporalRunId } = await historyOf(client, workflowId);
  const first = events.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  return first?.eventId ? { eventId: first.eventId, temporalRunId } : undefined;
}

/**
 * The workflow task that began step `stepId` (its first visit): the task that scheduled the step's
 * "running" report, which the interpreter sends before anything else of the step. Resetting there
 * re-runs that task, so the run goes on from the start of the step; the steps before it stay as they
 * happened.
 */
export async function workflowTaskBeforeStep(client: Client, workflowId: string, stepId: string, stepStartedAt?: Date): Promise<ResetPoint | undefined> {
  const { events, temporalRunId } = await historyOf(client, workflowId);
  // Runs that report through local activities (LOCAL_REPORTING_PATCH) leave markers without their input:
  // the step's recorded start is workflow time, which a workflow task moves forward as its local
  // activities complete — so the step began in the last workflow task started at or before it.
  if (stepStartedAt !== undefined && !events.some(isScheduledReport)) {
    let started = -1;
    events.forEach((event, index) => {
      const at = epochMsOf(event.eventTime);
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED && at !== undefined && at <= stepStartedAt.getTime()) started = index;
    });
    const completed = started < 0 ? undefined : events.slice(started).find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    if (completed?.eventId) return { eventId: completed.eventId, temporalRunId };
  }
  for (const event of events) {
    if (event.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) continue;
    const attributes = event.activityTaskScheduledEventAttributes;
    if (attributes?.activityType?.name !== 'recordRunEvent') continue;
    const payload = attributes.input?.payloads?.[0];
    if (!payload) continue;
    const report = defaultPayloadConverter.fromPayload(payload) as RunEvent;
    if (report.type === 'step' && report.stepId === stepId && report.status === 'running' && attributes.workflowTaskCompletedEventId) {
      return { eventId: attributes.workflowTaskCompletedEventId, temporalRunId };
    }
  }
  return undefined;
}

function isScheduledReport(event: HistoryEvent): boolean {
  return event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED && event.activityTaskScheduledEventAttributes?.activityType?.name === 'recordRunEvent';
}

function epochMsOf(time: { seconds?: unknown; nanos?: number | null } | null | undefined): number | undefined {
  if (!time) return undefined;
  return Number(time.seconds ?? 0) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

async function historyOf(client: Client, workflowId: string): Promise<{ events: HistoryEvent[]; temporalRunId: string }> {
  const handle = client.workflow.getHandle(workflowId);
  // Pin the execution: a reset must name the run whose event ids it uses.
  const { runId } = await handle.describe();
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  return { events: history.events ?? [], temporalRunId: runId };
}
