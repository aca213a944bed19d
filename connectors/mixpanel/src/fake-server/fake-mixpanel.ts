import {
  createFakeVendorServer,
  fixedWindowLimiter,
  type FakeRequest,
  type FakeResponse,
  type FakeVendorServer,
} from '@tripline/connector-testkit';
import { answerExport, type ExportProject } from './export-route';
import type { StoredEvent } from './fake-events';
import { RATE_LIMIT_MESSAGE, UNAUTHORIZED_MESSAGE, mixpanelError } from './mixpanel-errors';

export const FAKE_SERVICE_ACCOUNT = { username: 'tripline-export.3f9e1c.mp-service-account', secret: 'mp-secret-9b1d7e4c2a' } as const;
export const FAKE_PROJECT_ID = 3_141_592;

export interface FakeMixpanelOptions {
  /** The project's export timezone ("UTC", or a legacy project's timezone). Default "UTC". */
  timezone?: string;
  /** The fake's clock (its "today" and its rate-limit windows). Default Date.now. */
  now?: () => number;
  /**
   * Mixpanel's documented export limits: 60 queries an hour and 3 a second per project. Tests that
   * poll back to back (the runtime never does: one poll a minute) may raise `perSecond`.
   */
  rateLimits?: { perHour?: number; perSecond?: number };
  /** "\n" (default) or "\r\n" after each line. */
  lineEnding?: string;
}

export interface FakeMixpanel extends FakeVendorServer {
  projectId: number;
  serviceAccount: { username: string; secret: string };
  /** The project's events in stored (= export) order; push to add, duplicates allowed. */
  events: StoredEvent[];
  /** Rewrites every successful export body before it is sent (malformed lines, cut-off streams...). */
  tamper?: (body: string) => string;
}

/**
 * A local Mixpanel Raw Event Export API (GET /api/2.0/export) for one project and one service
 * account: HTTP basic auth (base64 or plain "username:secret", as Mixpanel accepts), `project_id`
 * required, the documented 400s, the 60 / hour and 3 / second limits answered with 429 (no
 * Retry-After, as documented), JSONL answers.
 */
export async function startFakeMixpanel(options: FakeMixpanelOptions = {}): Promise<FakeMixpanel> {
  const now = options.now ?? Date.now;
  const project: ExportProject = { id: FAKE_PROJECT_ID, timezone: options.timezone ?? 'UTC', events: [] };
  const perHour = fixedWindowLimiter({ limit: options.rateLimits?.perHour ?? 60, windowMs: 3_600_000, now });
  const perSecond = fixedWindowLimiter({ limit: options.rateLimits?.perSecond ?? 3, windowMs: 1000, now });
  let fake: FakeMixpanel;

  function handleExport(request: FakeRequest): FakeResponse {
    if (!authorized(request)) return mixpanelError(request, 401, UNAUTHORIZED_MESSAGE);
    const projectId = request.query.project_id;
    if (projectId === undefined) return mixpanelError(request, 400, 'project_id is required when authenticating with a service account');
    if (Number(projectId) !== project.id) return mixpanelError(request, 403, `The service account has no access to project ${projectId}`);
    if (!perSecond.take().allowed || !perHour.take().allowed) return mixpanelError(request, 429, RATE_LIMIT_MESSAGE);
    const answer = answerExport(request, project, now(), options.lineEnding ?? '\n');
    if (answer.status === 200 && fake.tamper) return { ...answer, body: fake.tamper(answer.body as string) };
    return answer;
  }

  const server = await createFakeVendorServer({
    name: 'mixpanel',
    routes: [{ method: 'GET', path: '/api/2.0/export', handler: handleExport }],
  });
  fake = Object.assign(server, {
    projectId: project.id,
    serviceAccount: { ...FAKE_SERVICE_ACCOUNT },
    events: project.events,
  });
  return fake;
}

function authorized(request: FakeRequest): boolean {
  const found = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (!found) return false;
  const expected = `${FAKE_SERVICE_ACCOUNT.username}:${FAKE_SERVICE_ACCOUNT.secret}`;
  const given = found[1]!.trim();
  // Mixpanel accepts the credentials base64-encoded (the standard) or as plain text.
  return given === expected || Buffer.from(given, 'base64').toString('utf8') === expected;
}
