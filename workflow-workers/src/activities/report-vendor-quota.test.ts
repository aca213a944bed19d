import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { hubspotConnector, startFakeHubSpot, type FakeHubSpot } from '@tripline/connector-hubspot';
import { createRegistry } from '@tripline/connector-sdk';
import { InMemoryWorkerApi } from '../test-support/in-memory-worker-api';
import type { VendorQuotaReport } from '../worker-api/vendor-quota-types';
import { createActivities } from './create-activities';
import { QuotaReportThrottle, vendorQuotaAfterCall } from './vendor-quota';

/** The in-memory worker API, plus the vendor-quota reports the API would store. */
class RecordingWorkerApi extends InMemoryWorkerApi {
  readonly quotaReports: { workspaceId: string; connection: string; report: VendorQuotaReport }[] = [];
  failQuotaReports = false;

  async reportVendorQuota(workspaceId: string, connection: string, report: VendorQuotaReport): Promise<void> {
    if (this.failQuotaReports) throw new Error('API unreachable');
    this.quotaReports.push({ workspaceId, connection, report });
  }
}

function run<T>(workflowId: string, fn: () => Promise<T>): Promise<T> {
  return new MockActivityEnvironment({ workflowExecution: { workflowId, runId: 'temporal-run' } }, { logger: new DefaultLogger('ERROR') }).run(fn);
}

describe('vendor quotas reported after an action', () => {
  let hubspot: FakeHubSpot;
  afterEach(async () => hubspot?.close());

  async function setUp(connectionName: string) {
    hubspot = await startFakeHubSpot({ dailyLimit: 500 });
    const workerApi = new RecordingWorkerApi();
    workerApi.addConnection('ws-1', { id: `id-${connectionName}`, name: connectionName, connector: 'hubspot', config: { accessToken: hubspot.accessToken, baseUrl: hubspot.url } });
    const contact = hubspot.store.create('contacts', { email: 'ada@acme.test' });
    const activities = createActivities({ workerApi, connectors: createRegistry([hubspotConnector]) });
    const createNote = (workflowId: string) =>
      run(workflowId, () =>
        activities.executeAction({
          workspaceId: 'ws-1',
          runId: 'run-1',
          stepId: 'note',
          visit: 1,
          connector: 'hubspot',
          action: 'createNote',
          connection: connectionName,
          input: { body: 'Escalated by Tripline', contactId: contact.id },
          context: {},
        }),
      );
    return { workerApi, createNote };
  }

  it("sends HubSpot's X-HubSpot-RateLimit-Daily-Remaining after a real call, at most once per interval per connection", async () => {
    const { workerApi, createNote } = await setUp('hubspot-a');
    await createNote('tripline:ws-1:a-1');
    expect(workerApi.quotaReports).toHaveLength(1);
    const [first] = workerApi.quotaReports;
    const used = hubspot.requests.length;
    expect(first).toMatchObject({ workspaceId: 'ws-1', connection: 'hubspot-a', report: { limit: 500, period: 'day' } });
    // What the fake's last answer said: its daily counter went down by the calls that count (not every request does).
    expect(first!.report.remaining).toBeLessThan(500);
    expect(first!.report.remaining).toBeGreaterThanOrEqual(500 - used);
    expect(Date.now() - Date.parse(first!.report.observedAt)).toBeLessThan(10_000);

    // A second call right after: the figure changed, but the page does not need it within 5 s.
    await createNote('tripline:ws-1:a-2');
    expect(workerApi.quotaReports).toHaveLength(1);
  });

  it('never fails the step when the report cannot be sent', async () => {
    const { workerApi, createNote } = await setUp('hubspot-b');
    workerApi.failQuotaReports = true;
    const result = await createNote('tripline:ws-1:b-1');
    expect(result).toMatchObject({ fromLedger: false, output: { created: true } });
    expect(workerApi.ledgerEntry('ws-1', 'tripline:ws-1:b-1:note:1')).toMatchObject({ state: 'completed' });
  });
});

describe('vendorQuotaAfterCall', () => {
  it("reads Salesforce's Sforce-Limit-Info usage from the action's output", () => {
    const output = { id: '00T000000000001', created: true, apiUsage: { used: 14_990, max: 15_000, seenAt: '2026-01-02T10:00:00.000Z' } };
    expect(vendorQuotaAfterCall('salesforce', {}, output)).toEqual({ remaining: 10, limit: 15_000, period: '24h', observedAt: '2026-01-02T10:00:00.000Z' });
    expect(vendorQuotaAfterCall('salesforce', {}, { id: 'x', created: true })).toBeUndefined();
  });

  it('has nothing for connectors that report no quota, or HubSpot before any answer', () => {
    expect(vendorQuotaAfterCall('email', {}, { messageId: 'm' })).toBeUndefined();
    expect(vendorQuotaAfterCall('hubspot', { accessToken: 'never-used', baseUrl: 'http://127.0.0.1:1' }, {})).toBeUndefined();
  });
});

describe('QuotaReportThrottle', () => {
  const report = (remaining: number): VendorQuotaReport => ({ remaining, limit: 10, period: 'day', observedAt: '2026-01-01T00:00:00Z' });

  it('lets one report per connection through per interval, and a used-up allowance always', () => {
    const throttle = new QuotaReportThrottle(5_000);
    expect(throttle.shouldReport('a', report(9), 0)).toBe(true);
    expect(throttle.shouldReport('a', report(8), 4_999)).toBe(false);
    expect(throttle.shouldReport('b', report(8), 4_999)).toBe(true);
    expect(throttle.shouldReport('a', report(0), 5_001 - 2)).toBe(true);
    expect(throttle.shouldReport('a', report(7), 10_000)).toBe(true);
  });
});
