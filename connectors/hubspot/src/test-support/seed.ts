import type { FakeHubSpot } from '../fake-server/fake-hubspot';

/** A contact and a company at the fake, for actions to point at. */
export function seedContactAndCompany(server: FakeHubSpot): { contactId: string; companyId: string } {
  const contact = server.store.create('contacts', { email: 'ada@acme.test', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead' });
  const company = server.store.create('companies', { name: 'Acme', domain: 'acme.test', industry: 'SOFTWARE' });
  return { contactId: contact.id, companyId: company.id };
}

/**
 * Five deals that changed stage: two at one instant, two at another, one alone (three pages of two),
 * plus a deal modified without a stage change since the window starts (it must not come out).
 * Returns the ids the polling trigger's items must carry.
 */
export function seedDealStageChanges(server: FakeHubSpot): string[] {
  const base = Date.parse('2026-02-02T10:00:00.000Z');
  const early = server.store.create('deals', { dealname: 'Old deal', dealstage: 'appointmentscheduled', pipeline: 'default' }, { at: Date.parse('2026-01-15T09:00:00.000Z') });
  const seeds: { name: string; stage: string; at: number }[] = [
    { name: 'Acme expansion', stage: 'closedwon', at: base },
    { name: 'Globex seats', stage: 'closedlost', at: base },
    { name: 'Initech pilot', stage: 'contractsent', at: base + 60_000 },
    { name: 'Umbrella renewal', stage: 'closedwon', at: base + 60_000 },
    { name: 'Hooli trial', stage: 'qualifiedtobuy', at: base + 120_000 },
  ];
  const ids: string[] = [];
  for (const seed of seeds) {
    const deal = server.store.create('deals', { dealname: seed.name, dealstage: 'appointmentscheduled', pipeline: 'default' }, { at: seed.at - 3_600_000 });
    server.store.update('deals', deal.id, { dealstage: seed.stage }, { at: seed.at, sourceType: 'CRM_UI' });
    ids.push(`hubspot:deal:${deal.id}:dealstage:${seed.stage}:${seed.at}`);
  }
  // Modified in the window, but its stage is weeks old: not a stage change.
  server.store.update('deals', early.id, { amount: '5000' }, { at: base + 30_000, sourceType: 'CRM_UI' });
  return ids;
}
