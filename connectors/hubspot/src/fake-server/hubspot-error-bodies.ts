import { randomUUID } from 'node:crypto';
import type { FakeResponse } from '@tripline/connector-testkit';

/** HubSpot's error body: `{ status: "error", message, correlationId, category }`. */
export function errorResponse(status: number, category: string, message: string, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

export const invalidAuthentication = (): FakeResponse =>
  errorResponse(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );

export const expiredAuthentication = (secondsAgo: number): FakeResponse =>
  errorResponse(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`);

export const objectNotFound = (): FakeResponse => errorResponse(404, 'OBJECT_NOT_FOUND', 'resource not found');

/** One failed property of a create or update, as HubSpot lists them inside the message. */
export interface PropertyProblem {
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_OWNER_ID' | 'INVALID_DATE' | 'REQUIRED_PROPERTY';
  message: string;
}

export function propertyValuesNotValid(problems: PropertyProblem[]): FakeResponse {
  const listed = problems.map((problem) => ({
    isValid: false,
    message: problem.message,
    error: problem.error,
    name: problem.name,
    localizedErrorMessage: problem.message,
  }));
  return errorResponse(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(listed)}`);
}

/** The 429 of the per-app ten-second window, the search API's per-second limit, or the daily allowance. */
export function rateLimited(policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY', headers: Record<string, string> = {}): FakeResponse {
  const message =
    policyName === 'SECONDLY'
      ? 'You have reached your secondly limit.'
      : policyName === 'DAILY'
        ? 'You have reached your daily limit.'
        : 'You have reached your ten_secondly_rolling limit.';
  return {
    status: 429,
    headers,
    body: { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName, groupName: `${policyName.toLowerCase()}:fake-app` },
  };
}
