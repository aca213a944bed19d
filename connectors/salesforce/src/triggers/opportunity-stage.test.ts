import { applyPoll, type CrmChangeTriggerItem, type PollCheckpoint } from '@tripline/connector-sdk';
import { clearSessionCache } from '../auth/session-cache';
import { createFakeSalesforce, type FakeSalesforce } from '../fake-server';
import { refreshTokenConnection } from '../test-support/fake-connections';
import { parsedConnection } from '../test-support/run-action';
import { expectedItemId, seedClosedDeals, SEED_TIMES } from '../test-support/seed-opportunities';
import { MAX_PAGES_PER_POLL, opportunityStageChangedTrigger } from './opportunity-stage.trigger';
import { opportunityStageOptions } from './opportunity-stage-options';

const NOW = '2025-03-04T00:00:00.000Z';

describe('opportunityStageChanged (polling SOQL on SystemModstamp)', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    clearSessionCache();
    server = await createFakeSalesforce({ maxBatchSize: 2 });
  });
  afterEach(() => server.close());

  const poll = (options: Record<string, unknown>, checkpoint: PollCheckpoint | null = null, now = NOW) =>
    opportunityStageChangedTrigger.poll({
      auth: parsedConnection(refreshTokenConnection(server)),
      options: opportunityStageOptions.parse(options),
      checkpoint,
      now,
    });
  const queries = () => server.requestsTo('GET', '/services/data/v62.0/query').map((request) => request.query.q);

  it('delivers Closed Lost ≥ 10,000 without a loss reason and every Closed Won; not smaller deals, logged reasons or open ones', async () => {
    const { expected, excluded } = seedClosedDeals(server);
    const result = await poll({ since: '2025-01-01T00:00:00Z' });
    expect(result.complete).toBe(true);
    expect(result.items.map((item) => item.id)).toEqual(expected);
    const names = (result.items as CrmChangeTriggerItem[]).map((item) => item.change.record.Name);
    for (const record of excluded) expect(names).not.toContain(record.Name);
    expect(queries()).toEqual([
      'SELECT Id, Name, StageName, IsClosed, IsWon, CloseDate, AccountId, OwnerId, ContactId, LastStageChangeDate, SystemModstamp, Account.Name, Account.Website, Contact.Email, Amount, Loss_Reason__c ' +
        'FROM Opportunity WHERE SystemModstamp >= 2025-01-01T00:00:00Z AND SystemModstamp <= 2025-03-03T23:59:30Z ' +
        "AND ((StageName = 'Closed Lost' AND Amount >= 10000 AND Loss_Reason__c = null) OR (StageName = 'Closed Won')) ORDER BY SystemModstamp ASC, Id ASC",
    ]);
    // Two records a page: the rest came through nextRecordsUrl.
    expect(server.requestsTo('GET', /^\/services\/data\/v62\.0\/query\/01g/)).toHaveLength(2);
  });

  it('makes crmChange items: the deal, the stage it moved to, the record with Salesforce and common names, the buyer and the account', async () => {
    const { matching } = seedClosedDeals(server);
    const [item] = (await poll({ since: '2025-01-01T00:00:00Z' })).items as CrmChangeTriggerItem[];
    const deal = matching[0]!;
    expect(item).toEqual({
      kind: 'crmChange',
      id: `${deal.Id}:StageName:2025-03-03T10:00:00.000Z`,
      at: '2025-03-03T10:00:00.000Z',
      change: {
        object: 'deal',
        recordId: deal.Id,
        changes: { StageName: { from: undefined, to: 'Closed Lost' }, stage: { from: undefined, to: 'Closed Lost' } },
        record: expect.objectContaining({
          Id: deal.Id,
          Name: 'Acme expansion',
          StageName: 'Closed Lost',
          Amount: 25_000,
          Loss_Reason__c: null,
          IsClosed: true,
          IsWon: false,
          SystemModstamp: '2025-03-03T10:00:00.000+0000',
          Account: { Name: 'Acme Analytics', Website: 'https://www.acme-analytics.com' },
          Contact: { Email: 'ada@acme-analytics.com' },
          name: 'Acme expansion',
          stage: 'Closed Lost',
          amount: 25_000,
          closeDate: '2025-03-03',
        }),
        person: { email: 'ada@acme-analytics.com' },
        account: { domain: 'acme-analytics.com' },
      },
    });
    expect(item!.change.record).not.toHaveProperty('lossReason');
    expect(item!.change.record).not.toHaveProperty('attributes');
  });

  it('keeps a deal out once its loss reason is logged, and brings it in once its amount reaches 10,000', async () => {
    const { org } = server;
    const lost = org.insert('Opportunity', { Name: 'Lost small', StageName: 'Closed Lost', Amount: 9_999, CloseDate: '2025-03-01' }, { at: SEED_TIMES.first });
    const reasoned = org.insert('Opportunity', { Name: 'Lost with reason', StageName: 'Closed Lost', Amount: 30_000, CloseDate: '2025-03-01' }, { at: SEED_TIMES.first });
    org.update('Opportunity', reasoned.Id, { Loss_Reason__c: 'Went with a competitor' }, { at: SEED_TIMES.second });
    expect((await poll({ since: '2025-01-01T00:00:00Z' })).items).toEqual([]);
    org.update('Opportunity', lost.Id, { Amount: 10_000 }, { at: SEED_TIMES.third });
    const { items } = await poll({ since: '2025-01-01T00:00:00Z' });
    // Still the stage change of SEED_TIMES.first: the id says which change it is.
    expect(items.map((item) => [item.id, item.at])).toEqual([[`${lost.Id}:StageName:2025-03-03T10:00:00.000Z`, '2025-03-03T11:30:00.000Z']]);
  });

  it('gives an edited closed deal the same id (same stage change), so it never enrolls twice', async () => {
    const { matching } = seedClosedDeals(server);
    const first = await poll({ since: '2025-01-01T00:00:00Z' });
    const applied = applyPoll(null, first);
    server.org.update('Opportunity', matching[0]!.Id, { NextStep: 'Send the win-loss survey' }, { at: '2025-03-03T12:00:00Z' });
    const second = applyPoll(applied.checkpoint, await poll({ since: '2025-01-01T00:00:00Z' }, applied.checkpoint));
    expect(second.items.map((item) => [item.id, item.at])).toEqual([[expectedItemId(matching[0]!), '2025-03-03T12:00:00.000Z']]);
    expect(applied.items.map((item) => item.id)).toContain(second.items[0]!.id);
  });

  it('takes stages and filters from its options, escaping stage names into SOQL literals', async () => {
    const { org } = server;
    const big = org.insert('Opportunity', { Name: 'Won big', StageName: 'Closed Won', Amount: 80_000, CloseDate: '2025-03-01' }, { at: SEED_TIMES.first });
    org.insert('Opportunity', { Name: 'Won small', StageName: 'Closed Won', Amount: 2_000, CloseDate: '2025-03-01' }, { at: SEED_TIMES.first });
    const odd = org.insert('Opportunity', { Name: 'Odd stage', StageName: "Partner's Won", Amount: 1, CloseDate: '2025-03-01' }, { at: SEED_TIMES.first });
    const { items } = await poll({
      since: '2025-01-01T00:00:00Z',
      stages: [{ stage: 'Closed Won', minAmount: 50_000 }, { stage: "Partner's Won" }],
      extraFields: ['Account.Industry', 'NextStep'],
    });
    expect(items.map((item) => (item as CrmChangeTriggerItem).change.recordId).sort()).toEqual([big.Id, odd.Id].sort());
    expect(queries()[0]).toContain("(StageName = 'Partner\\'s Won')");
    expect(queries()[0]).toContain('Account.Industry, NextStep FROM');
    // A quote cannot end the literal early and widen the query.
    expect((await poll({ since: '2025-01-01T00:00:00Z', stages: [{ stage: "x' OR Name != '" }] })).items).toEqual([]);
  });

  it('starts at its `since` time, or at now minus the settle time when there is none', async () => {
    seedClosedDeals(server);
    expect((await poll({})).items).toEqual([]);
    expect(queries()[0]).toContain('WHERE SystemModstamp >= 2025-03-03T23:59:30Z AND SystemModstamp <= 2025-03-03T23:59:30Z');
    expect((await poll({ since: '2025-03-03T11:00:00Z' })).items).toHaveLength(2);
  });

  it('leaves records stamped within the settle time for the next poll, then delivers them once', async () => {
    const recent = server.org.insert('Opportunity', { Name: 'Just closed', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-03' }, { at: '2025-03-03T23:59:50Z' });
    const first = await poll({ since: '2025-03-03T00:00:00Z' });
    expect(first.items).toEqual([]);
    const later = await poll({ since: '2025-03-03T00:00:00Z' }, applyPoll(null, first).checkpoint, '2025-03-04T00:01:00.000Z');
    expect(later.items.map((item) => (item as CrmChangeTriggerItem).change.recordId)).toEqual([recent.Id]);
  });

  it('catches a record stamped in the checkpoint second after the poll that set it (inclusive cursor)', async () => {
    const { org } = server;
    org.insert('Opportunity', { Name: 'First', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-03' }, { at: SEED_TIMES.first });
    const first = applyPoll(null, await poll({ since: '2025-01-01T00:00:00Z' }));
    const late = org.insert('Opportunity', { Name: 'Same second, later', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-03' }, { at: SEED_TIMES.first });
    const second = applyPoll(first.checkpoint, await poll({ since: '2025-01-01T00:00:00Z' }, first.checkpoint));
    expect(second.items.map((item) => (item as CrmChangeTriggerItem).change.recordId)).toEqual([late.Id]);
    expect(second.checkpoint).toEqual({ time: '2025-03-03T10:00:00.000Z', idsAtTime: [first.items[0]!.id, second.items[0]!.id] });
  });

  it(`hands over after ${MAX_PAGES_PER_POLL} pages (complete: false) and the next poll goes on from the checkpoint`, async () => {
    const { org } = server;
    const ids: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      const at = new Date(Date.parse('2025-03-01T00:00:00Z') + index * 1000).toISOString();
      ids.push(org.insert('Opportunity', { Name: `Deal ${index}`, StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-01' }, { at }).Id);
    }
    const first = await poll({ since: '2025-01-01T00:00:00Z' });
    expect(first.complete).toBe(false);
    expect(first.items).toHaveLength(2 * MAX_PAGES_PER_POLL);
    const applied = applyPoll(null, first);
    const second = await poll({ since: '2025-01-01T00:00:00Z' }, applied.checkpoint);
    expect(second.complete).toBe(true);
    const delivered = [...applied.items, ...applyPoll(applied.checkpoint, second).items];
    expect(delivered.map((item) => (item as CrmChangeTriggerItem).change.recordId)).toEqual(ids);
  });

  it('keeps reading past the page budget while every record shares the checkpoint second (a mass update)', async () => {
    const { org } = server;
    org.insert('Opportunity', { Name: 'Before', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-01' }, { at: '2025-03-01T00:00:00Z' });
    for (let index = 0; index < 2 * MAX_PAGES_PER_POLL + 3; index += 1) {
      org.insert('Opportunity', { Name: `Mass ${index}`, StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-01' }, { at: '2025-03-02T00:00:00Z' });
    }
    org.insert('Opportunity', { Name: 'After', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-01' }, { at: '2025-03-02T00:00:05Z' });
    // A checkpoint inside the mass update: without the rule the budget would end every poll there.
    const checkpoint = { time: '2025-03-02T00:00:00.000Z', idsAtTime: [] };
    const result = await poll({ since: '2025-01-01T00:00:00Z' }, checkpoint);
    const names = (result.items as CrmChangeTriggerItem[]).map((item) => item.change.record.Name);
    expect(names).toHaveLength(2 * MAX_PAGES_PER_POLL + 4);
    expect(names.at(-1)).toBe('After');
  });
});
