import { ActivityFailure, condition, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type {
  ChangeApprovalInput,
  ChangeApprovalLevelTimers,
  ChangeApprovalResult,
  ChangeNotificationsRequest,
  ChangeRequestStatus,
} from '@tripline/playbook';
// Types only: the workflow bundle never loads activity code.
import type { ChangeApprovalActivities } from './change-approval-activities';
import { changeClosedSignal, changeLevelAdvancedSignal } from './change-approval-signals';
import { afterEscalation, afterReminder, nextWake, openLevelClock, type LevelClock } from './level-clock';

/** The API must hear about timeouts: retried for as long as it is down (a 4xx fails at once). */
const changeRequests = proxyActivities<ChangeApprovalActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** What the signals have told the workflow so far. */
interface RequestState {
  /** Index of the level the API has open. Only moves forward. */
  level: number;
  /** Set by the closed signal. */
  closed: ChangeRequestStatus | null;
}

/** How a level's wait ended. */
type LevelEnd =
  /** The API moved to another level or closed the request (a signal). */
  | 'moved'
  /** Every period ran out and the API expired the request. */
  | 'expired'
  /** The API answered `stale` at a timeout: it moved on, and its signal is on the way. */
  | 'stale';

/**
 * The durable timers of one change request submission (`tripline-change:<ws>:<request>:<attempt>`).
 * The inbox state lives in the API; this workflow only keeps time. For each open level: notify its
 * approvers ('opened'), remind those who have not decided every `reminderEveryMs` (at most
 * MAX_REMINDERS_PER_LEVEL), and at the timeout either escalate (once, then another timeout) or
 * expire the request. The API's signals move it to the next level or end it with the request's
 * final status; signals of other attempts are ignored. A `stale` answer means the API moved on:
 * the workflow waits for the signal saying where to.
 */
export async function changeApproval(input: ChangeApprovalInput): Promise<ChangeApprovalResult> {
  const state: RequestState = { level: 0, closed: null };
  setHandler(changeLevelAdvancedSignal, ({ attempt, level }) => {
    if (attempt !== input.attempt || level <= state.level || level >= input.levels.length) return;
    state.level = level;
  });
  setHandler(changeClosedSignal, ({ attempt, status }) => {
    if (attempt !== input.attempt || status === 'pending' || state.closed !== null) return;
    state.closed = status;
  });

  for (;;) {
    if (state.closed !== null) return { status: state.closed };
    const level = state.level;
    const timers = input.levels[level];
    // No level to time (none applied): only the API's closing signal ends the request.
    const end: LevelEnd = timers ? await runLevel(input, state, level, timers) : 'stale';
    if (end === 'expired') return { status: 'expired' };
    if (end === 'stale') await condition(() => state.closed !== null || state.level !== level);
  }
}

/** One level from its opening to a signal, an expiry or a `stale` answer. */
async function runLevel(input: ChangeApprovalInput, state: RequestState, level: number, timers: ChangeApprovalLevelTimers): Promise<LevelEnd> {
  const moved = () => state.closed !== null || state.level !== level;
  const timeout = { workspaceId: input.workspaceId, requestId: input.requestId, attempt: input.attempt, level };
  let clock: LevelClock = openLevelClock(timers, Date.now());
  await notify(input, level, 'opened', 0);

  for (;;) {
    if (moved()) return 'moved';
    const wake = nextWake(clock);
    const waitMs = wake.at - Date.now();
    if (waitMs > 0 && (await condition(moved, waitMs))) return 'moved';

    if (wake.kind === 'reminder') {
      clock = afterReminder(clock, timers);
      await notify(input, level, 'reminder', clock.reminders);
      continue;
    }
    if (timers.escalates && !clock.escalated) {
      const escalated = await changeRequests.escalateChangeLevel(timeout);
      if (escalated.status !== 'escalated') return 'stale';
      clock = afterEscalation(clock, timers, Date.now());
      await notify(input, level, 'escalated', 0);
      continue;
    }
    const expired = await changeRequests.expireChangeLevel(timeout);
    return expired.status === 'expired' ? 'expired' : 'stale';
  }
}

/** Notifications never block the approval: a failed notification is logged and the level goes on. */
async function notify(input: ChangeApprovalInput, level: number, reason: ChangeNotificationsRequest['reason'], sequence: number): Promise<void> {
  try {
    await changeRequests.notifyChangeApprovers({
      workspaceId: input.workspaceId,
      requestId: input.requestId,
      attempt: input.attempt,
      level,
      reason,
      sequence,
    });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    log.warn('Approvers could not be notified; the approval goes on', { requestId: input.requestId, level, reason, sequence, error: error.cause?.message ?? error.message });
  }
}
