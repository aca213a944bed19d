import type { FakeRequest, FakeResponse } from '@tripline/connector-testkit';

/**
 * Mixpanel's API errors: `{"request": "<path and query>", "error": "<message>"}` (the shape its
 * data export endpoints answer, e.g. {"request": "/api/2.0/engage/revenue?...", "error": "Timeout Error."}).
 */
export function mixpanelError(request: FakeRequest, status: number, error: string): FakeResponse {
  const url = new URL(request.url);
  return { status, body: { request: `${url.pathname}${url.search}`, error } };
}

/** Mixpanel documents a 429 for the export limits, and no Retry-After header: none is sent. */
export const RATE_LIMIT_MESSAGE = 'Project exceeded rate limits. Please retry the request with exponential backoff.';
export const UNAUTHORIZED_MESSAGE = 'Invalid service account username or secret';
/** The 400 Mixpanel answers for a to_date after its "today" (seen by every export client). */
export const TO_DATE_LATER_THAN_TODAY = 'to_date cannot be later than today';
