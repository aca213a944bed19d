import { AuthError, DEFAULT_RETRY_AFTER_MS, NonRetryableError, RateLimitedError, RetryableError, type TaxonomyError } from '@tripline/connector-sdk';

// Slack answers most Web API failures with HTTP 200 and {"ok": false, "error": "<code>"}.
// A person has to fix these in Slack (reinstall the app, grant a scope): retrying cannot.
const AUTH_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'ekm_access_denied',
  'access_denied',
]);
const RATE_LIMITED_ERRORS = new Set(['ratelimited', 'rate_limited']);
// Slack's side, for now: worth another try.
const TEMPORARY_ERRORS = new Set(['internal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'org_login_required']);

const HINTS: Record<string, string> = {
  not_authed: 'no token was sent',
  invalid_auth: 'the bot token is not valid; reconnect Slack',
  token_revoked: 'the token was revoked or the app removed; reinstall the app',
  account_inactive: 'the token belongs to a deleted user or workspace',
  channel_not_found: 'check the channel ID; for a private channel, invite the app first',
  not_in_channel: 'invite the app to the channel (/invite @your-app)',
  is_archived: 'the channel is archived',
  msg_too_long: 'the message text is too long',
  no_text: 'the message has neither text nor blocks',
  invalid_blocks: 'the blocks are not valid Block Kit',
  message_not_found: 'no message with that ts in the channel',
  cant_delete_message: 'the app may only delete its own messages',
  // fatal_error may have half-succeeded (Slack's docs): a retry could post the message twice.
  fatal_error: 'Slack failed in a way that may have partly succeeded; not retried to avoid a duplicate',
};

export interface SlackErrorAnswer {
  error: string;
  /** missing_scope answers name the scope the method needs. */
  needed?: string;
}

/** The taxonomy error for a Web API `{ ok: false }` answer; `method` is e.g. "chat.postMessage". */
export function errorFromSlackAnswer(method: string, answer: SlackErrorAnswer, retryAfterMs?: number): TaxonomyError {
  const { error } = answer;
  const hint = error === 'missing_scope' && answer.needed ? `the app needs the ${answer.needed} scope` : HINTS[error];
  const message = `Slack ${method} failed: ${error}${hint ? ` (${hint})` : ''}`;
  return Object.assign(taxonomyError(error, message, retryAfterMs), { [SLACK_ERROR_CODE]: error });
}

function taxonomyError(error: string, message: string, retryAfterMs: number | undefined): TaxonomyError {
  if (RATE_LIMITED_ERRORS.has(error)) return new RateLimitedError(message, retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
  if (AUTH_ERRORS.has(error)) return new AuthError(message);
  if (TEMPORARY_ERRORS.has(error)) return new RetryableError(message);
  return new NonRetryableError(message);
}

const SLACK_ERROR_CODE = Symbol.for('tripline.slackErrorCode');

/** The Web API error code ("message_not_found") an error came from, if it came from one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as Record<symbol, unknown>)[SLACK_ERROR_CODE];
  return typeof code === 'string' ? code : undefined;
}
