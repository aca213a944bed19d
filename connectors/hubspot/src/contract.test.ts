import { describeConnectorContract } from '@tripline/connector-testkit';
import { startFakeHubSpot, type FakeHubSpot } from './fake-server/fake-hubspot';
import { hubspotConnector } from './hubspot.connector';
import { seedContactAndCompany, seedDealStageChanges } from './test-support/seed';

const ids = new WeakMap<FakeHubSpot, { contactId: string; companyId: string }>();
const records = (server: FakeHubSpot) => {
  if (!ids.has(server)) ids.set(server, seedContactAndCompany(server));
  return ids.get(server)!;
};

describeConnectorContract<FakeHubSpot>({
  connector: hubspotConnector,
  startServer: () => startFakeHubSpot(),
  connection: (server) => ({ authType: 'privateApp', accessToken: server.accessToken, appSecret: 'app-secret-1234', baseUrl: server.url }),
  badConnection: (server) => ({ authType: 'privateApp', accessToken: 'pat-na1-wrong-token', baseUrl: server.url }),
  actions: {
    createTask: {
      input: (server) => ({
        subject: 'Call Ada: PQL score 82 (High)',
        body: 'Ada invited 4 teammates and connected Slack this week.',
        ownerId: '77001',
        dueDate: '2026-03-02',
        priority: 'HIGH',
        contactId: records(server).contactId,
        companyId: records(server).companyId,
      }),
    },
    createNote: { input: (server) => ({ body: 'Tripline: account reached the High tier.', contactId: records(server).contactId }) },
    updateContactProperties: {
      input: (server) => ({ contactId: records(server).contactId, properties: { lifecyclestage: 'salesqualifiedlead', product_engagement_score: 82 } }),
    },
    updateCompanyProperties: { input: (server) => ({ companyId: records(server).companyId, properties: { pql_tier: 'High' } }) },
  },
  triggers: {
    dealStageChangedPoll: {
      options: { since: '2026-02-01T00:00:00Z', pageSize: 2 },
      seed: async (server) => seedDealStageChanges(server),
    },
  },
  faults: {
    // HubSpot's 429 carries no Retry-After; the window (10 s) is in its rate-limit headers.
    rateLimited: {
      status: 429,
      headers: { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': '0' },
      body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: 'c0ffee00-0000-4000-8000-000000000000', policyName: 'TEN_SECONDLY_ROLLING' },
      retryAfterMs: 10_000,
    },
    unauthorized: {
      status: 401,
      body: { status: 'error', message: 'Authentication credentials not found.', correlationId: 'c0ffee00-0000-4000-8000-000000000001', category: 'INVALID_AUTHENTICATION' },
    },
    serverError: { status: 502, body: '<html><body>502 Bad Gateway</body></html>' },
  },
});
