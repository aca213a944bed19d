import type { FakeSalesforce, FakeRecord } from '../fake-server';

const iso = (salesforceTime: unknown) => new Date(Date.parse(String(salesforceTime).replace(/\+0000$/, 'Z'))).toISOString();

/** The id the trigger gives the change of a seeded opportunity. */
export function expectedItemId(opportunity: FakeRecord): string {
  return `${opportunity.Id}:StageName:${iso(opportunity.LastStageChangeDate)}`;
}

export const SEED_TIMES = {
  first: '2025-03-03T10:00:00Z',
  second: '2025-03-03T10:00:07Z',
  third: '2025-03-03T11:30:00Z',
};

/**
 * Closed deals as the win-loss trigger sees them: five that match its default filters (two pairs
 * sharing a SystemModstamp) and three that must not come out (below $10K, a loss reason logged,
 * still open). Returns the matching ones' expected item ids, and all the records.
 */
export function seedClosedDeals(server: FakeSalesforce): { expected: string[]; excluded: FakeRecord[]; matching: FakeRecord[] } {
  const { org } = server;
  const account = org.insert('Account', { Name: 'Acme Analytics', Website: 'https://www.acme-analytics.com' });
  const buyer = org.insert('Contact', { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@acme-analytics.com', AccountId: account.Id });
  const deal = (name: string, stage: string, amount: number, at: string, extra: Record<string, unknown> = {}) =>
    org.insert('Opportunity', { Name: name, StageName: stage, Amount: amount, CloseDate: '2025-03-03', AccountId: account.Id, ContactId: buyer.Id, ...extra }, { at });
  const matching = [
    deal('Acme expansion', 'Closed Lost', 25_000, SEED_TIMES.first),
    deal('Acme analytics add-on', 'Closed Lost', 12_000, SEED_TIMES.first),
    deal('Acme starter', 'Closed Won', 5_000, SEED_TIMES.second),
    deal('Acme enterprise', 'Closed Won', 90_000, SEED_TIMES.third),
    deal('Acme renewal', 'Closed Lost', 10_000, SEED_TIMES.third),
  ];
  const excluded = [
    deal('Acme small seat pack', 'Closed Lost', 8_000, SEED_TIMES.second),
    deal('Acme platform', 'Closed Lost', 40_000, SEED_TIMES.second, { Loss_Reason__c: 'Price' }),
    deal('Acme pilot', 'Prospecting', 50_000, SEED_TIMES.second),
  ];
  return { expected: matching.map(expectedItemId), excluded, matching };
}
