import { InvalidInputError, parseConnectionConfig } from '@tripline/connector-sdk';
import { dealStageNotification, hubspotWebhookRequest } from '../fake-server/webhook-delivery';
import { hubspotConnector } from '../hubspot.connector';
import { dealStageChangedWebhook, dealStageWebhookOptions } from './deal-stage-changed.webhook';

const SECRET = 'app-client-secret-0001';
const URL = 'https://tripline.example.com/v1/webhooks/hubspot/conn_42';
const auth = parseConnectionConfig(hubspotConnector, { accessToken: 'pat-na1-abc', appSecret: SECRET });
const options = dealStageWebhookOptions.parse({});
const occurredAt = Date.parse('2026-02-02T10:00:00.000Z');
const now = occurredAt + 2_000;

function delivery(notifications: unknown[], overrides: { secret?: string; timestamp?: number } = {}) {
  return hubspotWebhookRequest({ secret: overrides.secret ?? SECRET, url: URL, notifications, timestamp: overrides.timestamp ?? now - 500 });
}

describe('dealStageChanged webhook trigger', () => {
  it('verifies a HubSpot delivery and turns each dealstage change into a crmChange item', () => {
    const request = delivery([
      dealStageNotification({ dealId: 9001, stage: 'closedwon', occurredAt }),
      dealStageNotification({ dealId: 9002, stage: 'closedlost', occurredAt: occurredAt + 5 }),
    ]);
    expect(dealStageChangedWebhook.verify({ auth, options, request, now })).toEqual({ ok: true });
    expect(dealStageChangedWebhook.parse({ auth, options, request, now })).toEqual([
      {
        kind: 'crmChange',
        id: `hubspot:deal:9001:dealstage:closedwon:${occurredAt}`,
        at: '2026-02-02T10:00:00.000Z',
        change: {
          object: 'deal',
          recordId: '9001',
          changes: { dealstage: { from: undefined, to: 'closedwon' } },
          record: { hs_object_id: '9001', dealstage: 'closedwon', portalId: 62515, changeSource: 'CRM_UI' },
        },
      },
      expect.objectContaining({ id: `hubspot:deal:9002:dealstage:closedlost:${occurredAt + 5}`, at: '2026-02-02T10:00:00.005Z' }),
    ]);
  });

  it('refuses a tampered body, a stale timestamp and the wrong secret', () => {
    const good = delivery([dealStageNotification({ dealId: 9001, stage: 'closedwon', occurredAt })]);
    const tampered = { ...good, rawBody: Buffer.from(good.rawBody.toString('utf8').replace('closedwon', 'closedwo1')) };
    expect(dealStageChangedWebhook.verify({ auth, options, request: tampered, now })).toMatchObject({ ok: false, status: 401 });

    const stale = delivery([dealStageNotification({ dealId: 9001, stage: 'closedwon', occurredAt })], { timestamp: now - 5 * 60_000 - 1 });
    expect(dealStageChangedWebhook.verify({ auth, options, request: stale, now })).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('5 minutes') });

    const forged = delivery([dealStageNotification({ dealId: 9001, stage: 'closedwon', occurredAt })], { secret: 'not-the-app-secret' });
    expect(dealStageChangedWebhook.verify({ auth, options, request: forged, now })).toMatchObject({ ok: false, status: 401 });

    const noSecret = parseConnectionConfig(hubspotConnector, { accessToken: 'pat-na1-abc' });
    expect(dealStageChangedWebhook.verify({ auth: noSecret, options, request: good, now })).toMatchObject({ ok: false, message: expect.stringContaining('no app secret') });
  });

  it('counts a change delivered twice once, and skips other subscriptions and stages not asked for', () => {
    const change = dealStageNotification({ dealId: 9001, stage: 'closedwon', occurredAt });
    const retry = { ...change, attemptNumber: 1, eventId: 777 };
    const request = delivery([
      change,
      retry,
      { ...change, propertyName: 'amount', propertyValue: '1200' },
      { ...change, subscriptionType: 'contact.propertyChange' },
      { ...change, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: 9003, propertyValue: 'contractsent' },
    ]);
    const items = dealStageChangedWebhook.parse({ auth, options, request, now });
    expect(items.map((item) => item.id)).toEqual([`hubspot:deal:9001:dealstage:closedwon:${occurredAt}`, `hubspot:deal:9003:dealstage:contractsent:${occurredAt}`]);

    const onlyWon = dealStageWebhookOptions.parse({ toStages: ['closedwon'] });
    expect(dealStageChangedWebhook.parse({ auth, options: onlyWon, request, now }).map((item) => item.id)).toEqual([`hubspot:deal:9001:dealstage:closedwon:${occurredAt}`]);
  });

  it('throws InvalidInputError for a body that is not a list of notifications', () => {
    const notJson = { ...delivery([]), rawBody: Buffer.from('{oops') };
    expect(() => dealStageChangedWebhook.parse({ auth, options, request: notJson, now })).toThrow(InvalidInputError);
    const wrongShape = delivery([{ objectId: 1 }]);
    expect(() => dealStageChangedWebhook.parse({ auth, options, request: wrongShape, now })).toThrow(/occurredAt/);
  });
});
