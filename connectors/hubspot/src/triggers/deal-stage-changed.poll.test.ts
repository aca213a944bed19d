import { applyPoll, parseConnectionConfig, type CrmChangeTriggerItem, type PollCheckpoint } from '@tripline/connector-sdk';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-server/fake-hubspot';
import { hubspotConnector } from '../hubspot.connector';
import { seedDealStageChanges } from '../test-support/seed';
import { dealStageChangedPoll, dealStagePollOptions } from './deal-stage-changed.poll';

let server: FakeHubSpot;
beforeEach(async () => {
  server = await startFakeHubSpot();
});
afterEach(() => server.close());

const auth = () => parseConnectionConfig(hubspotConnector, { accessToken: server.accessToken, baseUrl: server.url });
const poll = (options: Record<string, unknown>, checkpoint: PollCheckpoint | null, now: string) =>
  dealStageChangedPoll.poll({ auth: auth(), options: dealStagePollOptions.parse(options), checkpoint, now });

describe('dealStageChangedPoll', () => {
  it('searches by hs_lastmodifieddate from the cursor and reports only deals that entered a stage since', async () => {
    const expected = seedDealStageChanges(server);
    const result = await poll({ since: '2026-02-01T00:00:00Z' }, null, '2026-02-03T00:00:00Z');
    expect(result.complete).toBe(true);
    expect(result.items.map((item) => item.id).sort()).toEqual([...expected].sort());
    const won = result.items.find((item) => item.id === expected[0]) as CrmChangeTriggerItem;
    expect(won.change).toMatchObject({ object: 'deal', changes: { dealstage: { from: undefined, to: 'closedwon' } }, record: { dealname: 'Acme expansion', pipeline: 'default' } });
    const body = server.requestsTo('POST', '/crm/v3/objects/deals/search')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse('2026-02-01T00:00:00Z')) },
            { propertyName: 'hs_lastmodifieddate', operator: 'LTE', value: String(Date.parse('2026-02-03T00:00:00Z')) },
            { propertyName: 'hs_v2_date_entered_current_stage', operator: 'GTE', value: String(Date.parse('2026-02-01T00:00:00Z')) },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      limit: 100,
    });
  });

  it('keeps to the stages and pipeline asked for', async () => {
    seedDealStageChanges(server);
    const other = server.store.create('deals', { dealname: 'Partner deal', dealstage: 'appointmentscheduled', pipeline: 'partners' }, { at: Date.parse('2026-02-02T08:00:00Z') });
    server.store.update('deals', other.id, { dealstage: 'closedwon' }, { at: Date.parse('2026-02-02T11:00:00Z') });
    const result = await poll({ since: '2026-02-01T00:00:00Z', pipeline: 'default', toStages: ['closedwon'] }, null, '2026-02-03T00:00:00Z');
    expect(result.items.map((item) => (item as CrmChangeTriggerItem).change.record.dealname).sort()).toEqual(['Acme expansion', 'Umbrella renewal']);
  });

  it('reports a later stage change of the same deal as a new item, and nothing twice', async () => {
    seedDealStageChanges(server);
    const now = '2026-02-03T00:00:00Z';
    const first = await poll({ since: '2026-02-01T00:00:00Z' }, null, now);
    const checkpoint = applyPoll(null, first).checkpoint;
    const deal = server.store.all('deals').find((record) => server.store.value(record, 'dealname') === 'Hooli trial')!;
    const movedAt = Date.parse('2026-02-03T09:00:00Z');
    server.store.update('deals', deal.id, { dealstage: 'closedwon' }, { at: movedAt });
    const second = applyPoll(checkpoint, await poll({ since: '2026-02-01T00:00:00Z' }, checkpoint, '2026-02-04T00:00:00Z'));
    expect(second.items.map((item) => item.id)).toEqual([`hubspot:deal:${deal.id}:dealstage:closedwon:${movedAt}`]);
  });

  it("reads many pages in one poll without tripping the search API's 5 requests per second", async () => {
    seedDealStageChanges(server);
    const sixth = server.store.create('deals', { dealname: 'Stark upgrade', dealstage: 'qualifiedtobuy', pipeline: 'default' }, { at: Date.parse('2026-02-02T12:00:00Z') });
    const result = await poll({ since: '2026-02-01T00:00:00Z', pageSize: 1 }, null, '2026-02-03T00:00:00Z');
    expect(result.items).toHaveLength(6);
    expect(result.items.map((item) => (item as CrmChangeTriggerItem).change.recordId)).toContain(sixth.id);
    // Six pages in one poll: unspaced, the sixth search would get HubSpot's SECONDLY 429.
    const searches = server.requestsTo('POST', '/crm/v3/objects/deals/search');
    expect(searches).toHaveLength(6);
    expect(searches[5]!.receivedAt - searches[0]!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it('starts at the first poll when no backfill is given', async () => {
    seedDealStageChanges(server);
    const result = await poll({}, null, '2026-02-03T00:00:00Z');
    expect(result).toEqual({ items: [], complete: true });
  });
});
