import { describeConnectorContract } from '@tripline/connector-testkit';
import { DAILY_LIMIT_RETRY_AFTER_MS } from './api/salesforce-errors';
import { createFakeSalesforce, type FakeSalesforce } from './fake-server';
import { salesforceConnector } from './salesforce.connector';
import { refreshTokenConnection } from './test-support/fake-connections';
import { seedClosedDeals } from './test-support/seed-opportunities';

describeConnectorContract<FakeSalesforce>({
  connector: salesforceConnector,
  // Two records a page, so the trigger's seed spans pages.
  startServer: () => createFakeSalesforce({ maxBatchSize: 2 }),
  connection: (server) => refreshTokenConnection(server),
  badConnection: (server) => refreshTokenConnection(server, { refreshToken: '5Aep861revokedRefreshToken' }),
  actions: {
    createTask: {
      input: ({ org }) => {
        const account = org.insert('Account', { Name: 'Acme Analytics' });
        const contact = org.insert('Contact', { LastName: 'Lovelace', Email: 'ada@acme-analytics.com', AccountId: account.Id });
        return { subject: 'Call Ada: PQL score 87 (High)', description: 'Top events: 12 dashboards shared, invited 4 teammates', whoId: contact.Id, whatId: account.Id, activityDate: '2025-03-31' };
      },
    },
    updateRecordField: {
      input: ({ org }) => ({
        object: 'Lead',
        recordId: org.insert('Lead', { LastName: 'Hopper', Company: 'Cobol Inc', Product_Engagement_Score__c: 41 }).Id,
        field: 'Product_Engagement_Score__c',
        value: 87,
      }),
    },
    updateOpportunity: {
      input: ({ org }) => ({
        opportunityId: org.insert('Opportunity', { Name: 'Acme expansion', StageName: 'Negotiation', Amount: 20_000, CloseDate: '2025-04-30' }).Id,
        fields: { NextStep: 'Exec sponsor call', Amount: 25_000 },
      }),
    },
    getApiUsage: { input: () => ({}) },
  },
  triggers: {
    opportunityStageChanged: {
      options: { since: '2025-01-01T00:00:00Z' },
      seed: async (server) => seedClosedDeals(server).expected,
    },
  },
  faults: {
    unauthorized: { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] },
    // Salesforce sends no Retry-After: the connector's documented choice is the delay to expect.
    rateLimited: { status: 403, headers: {}, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], retryAfterMs: DAILY_LIMIT_RETRY_AFTER_MS },
    serverError: { status: 500, body: [{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1429371580-5874 (-1180416384)', errorCode: 'UNKNOWN_EXCEPTION' }] },
  },
});
