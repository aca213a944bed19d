import { AuthError, NonRetryableError, errorFromHttpResponse, type HttpResponseLike, type TaxonomyError } from '@tripline/connector-sdk';

// Answers meaning the webhook itself is gone or disabled: the connection needs a new URL.
const REVOKED_WEBHOOK = new Set(['no_service', 'no_team', 'invalid_token', 'team_disabled', 'no_service_id']);

/**
 * The taxonomy error for an incoming webhook's non-200 answer. Slack answers with a plain-text code:
 * 400 invalid_payload / no_text / invalid_blocks, 403 action_prohibited or invalid_token, 404
 * no_service or channel_not_found, 410 channel_is_archived, 429 with Retry-After, 500 rollup_error.
 * The URL is never named: it is the secret.
 */
export function errorFromWebhookAnswer(response: HttpResponseLike, body: string): TaxonomyError {
  const code = body.trim().slice(0, 100);
  const what = 'Slack incoming webhook';
  if (REVOKED_WEBHOOK.has(code)) {
    return new AuthError(`${what} answered ${response.status}: ${code} (the webhook was removed or disabled; add a new one to the connection)`);
  }
  if (response.status === 403 && code === 'action_prohibited') {
    return new NonRetryableError(`${what} answered 403: action_prohibited (a workspace restriction stops this webhook from posting)`);
  }
  return errorFromHttpResponse(response, what, code || undefined);
}
