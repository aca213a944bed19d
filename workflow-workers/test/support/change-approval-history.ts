import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

const HOUR_MS = 60 * 60 * 1000;

/** One activity of a changeApproval run as its history recorded it, at workflow time since the start. */
export interface ChangeApprovalActivityCall {
  /** Whole hours of workflow time since the run started (the time-skipping server's clock). */
  hour: number;
  type: string;
  input: Record<string, unknown>;
  /** The activity's result, when it completed. */
  result?: unknown;
  attempt?: number;
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

function msOf(timestamp: HistoryEvent['eventTime']): number {
  const seconds = timestamp?.seconds ?? 0;
  const whole = typeof seconds === 'number' ? seconds : seconds.toNumber();
  return whole * 1000 + Math.floor((timestamp?.nanos ?? 0) / 1e6);
}

/**
 * The activities a changeApproval run scheduled, in order, with when (workflow time: the history's
 * event times, which follow the time-skipping server's clock) and what they answered.
 */
export async function changeApprovalCalls(handle: WorkflowHandle): Promise<ChangeApprovalActivityCall[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  const startedAt = msOf(events[0]?.eventTime);
  const calls = new Map<string, ChangeApprovalActivityCall>();
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      calls.set(String(event.eventId), {
        hour: Math.floor((msOf(event.eventTime) - startedAt) / HOUR_MS),
        type: scheduled.activityType?.name ?? '',
        input: defaultPayloadConverter.fromPayload(scheduled.input!.payloads![0]!),
      });
    }
    const completed = event.activityTaskCompletedEventAttributes;
    const call = completed ? calls.get(String(completed.scheduledEventId)) : undefined;
    if (completed && call) call.result = defaultPayloadConverter.fromPayload(completed.result!.payloads![0]!);
    const started = event.activityTaskStartedEventAttributes;
    const startedCall = started ? calls.get(String(started.scheduledEventId)) : undefined;
    if (started && startedCall) startedCall.attempt = started.attempt ?? undefined;
  }
  return [...calls.values()];
}

/** `"<hour>h <activity> <reason> <sequence> L<level>"` lines: a run's timeline at a glance. */
export function timelineOf(calls: ChangeApprovalActivityCall[]): string[] {
  return calls.map((call) => {
    const name = call.type.replace(/ChangeApprovers|ChangeLevel/, '');
    const detail = call.type === 'notifyChangeApprovers' ? ` ${call.input.reason} ${call.input.sequence}` : '';
    return `${call.hour}h ${name}${detail} L${call.input.level}`;
  });
}
