import { NonRetryableError, errorFromHttpResponse, parseRetryAfter } from '@tripline/connector-sdk';
import type { SlackConnection } from '../connection/slack-connection';
import { errorFromSlackAnswer } from './web-api-errors';

/** One Web API call may take this long; Slack answers in well under a second. */
export const WEB_API_TIMEOUT_MS = 10_000;

export type SlackAnswer = { ok: true } & Record<string, unknown>;

/**
 * Calls a Web API method with a JSON body and the bot token as a Bearer header (never in the body
 * or URL, where it could be logged). Returns the `{ ok: true }` answer; throws the taxonomy error
 * for `{ ok: false }`, for HTTP 429 (after its Retry-After) and for other non-2xx statuses.
 */
export async function callWebApi(
  connection: SlackConnection,
  method: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<SlackAnswer> {
  if (!connection.botToken) {
    throw new NonRetryableError(`Slack ${method} needs a bot token, and this connection has only an incoming webhook URL`);
  }
  const timeout = AbortSignal.timeout(WEB_API_TIMEOUT_MS);
  const response = await fetch(`${connection.apiBaseUrl.replace(/\/+$/, '')}/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${connection.botToken}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
    redirect: 'error',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const text = await response.text();
  const answer = parseJson(text);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (response.status === 429) {
    throw errorFromSlackAnswer(method, { error: answerError(answer) ?? 'ratelimited' }, retryAfterMs);
  }
  if (!response.ok) throw errorFromHttpResponse(response, `Slack ${method}`, answerError(answer) ?? text.slice(0, 200));
  if (!answer || typeof answer.ok !== 'boolean') throw new NonRetryableError(`Slack ${method} answered something that is not a Web API answer`);
  if (!answer.ok) {
    throw errorFromSlackAnswer(method, { error: answerError(answer) ?? 'unknown_error', needed: typeof answer.needed === 'string' ? answer.needed : undefined }, retryAfterMs);
  }
  return answer as SlackAnswer;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function answerError(answer: Record<string, unknown> | undefined): string | undefined {
  return typeof answer?.error === 'string' ? answer.error : undefined;
}
