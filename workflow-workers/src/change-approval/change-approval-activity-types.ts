import type { ChangeLevelTimeoutRequest, ChangeNotificationsRequest } from '@tripline/playbook';

/** What the workflow asks `notifyChangeApprovers`: the request (the URL's id) and the contract's body. */
export interface NotifyChangeApproversInput extends ChangeNotificationsRequest {
  requestId: string;
}

/** What the workflow asks `escalateChangeLevel` / `expireChangeLevel`. */
export interface ChangeLevelTimeoutInput extends ChangeLevelTimeoutRequest {
  requestId: string;
}

/** A notification that could not be sent (it does not block the approval: reported and logged). */
export interface FailedChangeNotification {
  to: string;
  error: string;
}

/**
 * What `notifyChangeApprovers` did. Notifications never block an approval, so failures are reported
 * here (and logged as a warning) instead of failing the workflow.
 */
export interface ChangeNotificationsOutcome {
  /** The API's answer: `stale` when the request moved on (then nothing is sent). */
  status: 'ok' | 'stale';
  /** Recipients sent to by this attempt. */
  sent: string[];
  /** Recipients whose message had already been sent under its ledger key (a retry, a replay): not sent again. */
  skipped: string[];
  failed: FailedChangeNotification[];
}
