import { describeConnectorContract } from '@tripline/connector-testkit';
import { fallbackId } from './events/to-event-item';
import { MIXPANEL_DEFAULT_RETRY_AFTER_MS } from './export/export-errors';
import { FAKE_SERVICE_ACCOUNT, RATE_LIMIT_MESSAGE, UNAUTHORIZED_MESSAGE, mixpanelEvent, startFakeMixpanel, type FakeMixpanel } from './fake-server';
import { mixpanelConnector } from './mixpanel.connector';

const HOUR = 3_600_000;

/**
 * Events over three days: two sharing one millisecond, one the vendor returns twice (same
 * $insert_id), one without $insert_id. With two events a poll, the polls split by day.
 */
async function seedEvents(server: FakeMixpanel): Promise<string[]> {
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const shared = at(26);
  server.events.push(
    mixpanelEvent({ event: 'Signed Up', at: at(50), distinctId: 'ada@example.com', insertId: 'ins-1' }),
    mixpanelEvent({ event: 'Viewed Pricing', at: shared, distinctId: 'ada@example.com', insertId: 'ins-2' }),
    mixpanelEvent({ event: 'Invited Teammate', at: shared, distinctId: 'grace@example.com', insertId: 'ins-3' }),
    mixpanelEvent({ event: 'Viewed Pricing', at: shared, distinctId: 'ada@example.com', insertId: 'ins-2' }),
    mixpanelEvent({ event: 'Started Trial', at: at(1), distinctId: '$device:d-77', insertId: 'ins-4' }),
  );
  const legacy = mixpanelEvent({ event: 'Opened App', at: at(2), distinctId: 'grace@example.com', insertId: null });
  server.events.push(legacy);
  return ['ins-1', 'ins-2', 'ins-3', 'ins-4', fallbackId('Opened App', 'grace@example.com', legacy.properties.time)];
}

describeConnectorContract<FakeMixpanel>({
  connector: mixpanelConnector,
  // The runner polls back to back, which the runtime never does (one poll a minute): the
  // per-second limit is lifted here; fake-mixpanel.test.ts checks the documented 3 / second.
  startServer: () => startFakeMixpanel({ rateLimits: { perSecond: 1000 } }),
  connection: (server) => ({ ...server.serviceAccount, projectId: server.projectId, baseUrl: server.url }),
  badConnection: (server) => ({ username: FAKE_SERVICE_ACCOUNT.username, secret: 'not-the-secret', projectId: server.projectId, baseUrl: server.url }),
  triggers: {
    exportEvents: { options: { lookbackDays: 3, maxEventsPerPoll: 2 }, seed: seedEvents },
  },
  faults: {
    rateLimited: {
      status: 429,
      headers: {},
      body: { request: '/api/2.0/export', error: RATE_LIMIT_MESSAGE },
      retryAfterMs: MIXPANEL_DEFAULT_RETRY_AFTER_MS,
    },
    unauthorized: { status: 401, body: { request: '/api/2.0/export', error: UNAUTHORIZED_MESSAGE } },
  },
});
