import { parseActionInput, parseConnectionConfig } from '@tripline/connector-sdk';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-server/fake-hubspot';
import { hubspotConnector } from '../hubspot.connector';
import { seedContactAndCompany } from '../test-support/seed';
import { updateCompanyPropertiesAction, updateContactPropertiesAction } from './update-properties';

let server: FakeHubSpot;
let ids: { contactId: string; companyId: string };
const auth = () => parseConnectionConfig(hubspotConnector, { accessToken: server.accessToken, baseUrl: server.url });
const contactValue = (name: string) => server.store.value(server.store.get('contacts', ids.contactId)!, name);

beforeEach(async () => {
  server = await startFakeHubSpot();
  ids = seedContactAndCompany(server);
});
afterEach(() => server.close());

const contactInput = () =>
  parseActionInput(updateContactPropertiesAction, {
    contactId: ids.contactId,
    properties: { lifecyclestage: 'salesqualifiedlead', product_engagement_score: 82, jobtitle: 'CTO' },
  });

describe('updateContactProperties', () => {
  it('returns the values it replaced, and undo puts them back on the fake', async () => {
    const output = await updateContactPropertiesAction.run({ auth: auth(), input: contactInput(), idempotencyKey: 'wf-2:update:1' });
    expect(output).toEqual({
      recordId: ids.contactId,
      previous: { lifecyclestage: 'lead', product_engagement_score: null, jobtitle: null },
      values: { lifecyclestage: 'salesqualifiedlead', product_engagement_score: '82', jobtitle: 'CTO' },
    });
    expect(contactValue('lifecyclestage')).toBe('salesqualifiedlead');
    expect(contactValue('product_engagement_score')).toBe('82');

    const undone = await updateContactPropertiesAction.undo!({ auth: auth(), input: contactInput(), output, idempotencyKey: 'wf-2:update:1:undo' });
    expect(undone).toEqual({ recordId: ids.contactId, restored: ['lifecyclestage', 'product_engagement_score', 'jobtitle'], changedSince: [] });
    expect(contactValue('lifecyclestage')).toBe('lead');
    expect(contactValue('product_engagement_score')).toBeNull();
    expect(contactValue('jobtitle')).toBeNull();
  });

  it('undo leaves alone a property someone changed after the step', async () => {
    const output = await updateContactPropertiesAction.run({ auth: auth(), input: contactInput(), idempotencyKey: 'wf-2:update:1' });
    server.store.update('contacts', ids.contactId, { jobtitle: 'VP Engineering' }, { sourceType: 'CRM_UI' });
    const undone = await updateContactPropertiesAction.undo!({ auth: auth(), input: contactInput(), output, idempotencyKey: 'wf-2:update:1:undo' });
    expect(undone).toMatchObject({ restored: ['lifecyclestage', 'product_engagement_score'], changedSince: ['jobtitle'] });
    expect(contactValue('jobtitle')).toBe('VP Engineering');
    expect(contactValue('lifecyclestage')).toBe('lead');
  });

  it('a retry after a write whose answer was lost reports the values from before that write', async () => {
    await updateContactPropertiesAction.run({ auth: auth(), input: contactInput(), idempotencyKey: 'wf-2:update:1' });
    // The retry reads its own values back; the stamped key and the property history tell it so.
    const retry = await updateContactPropertiesAction.run({ auth: auth(), input: contactInput(), idempotencyKey: 'wf-2:update:1' });
    expect(retry.previous).toEqual({ lifecyclestage: 'lead', product_engagement_score: null, jobtitle: null });
    expect(server.requestsTo('PATCH', `/crm/v3/objects/contacts/${ids.contactId}`)).toHaveLength(1);
  });

  it('refuses an empty update, Tripline’s own property and names that are not HubSpot internal names', () => {
    expect(() => parseActionInput(updateContactPropertiesAction, { contactId: ids.contactId, properties: {} })).toThrow(/Give at least one property/);
    expect(() => parseActionInput(updateContactPropertiesAction, { contactId: ids.contactId, properties: { tripline_idempotency_key: 'x' } })).toThrow(
      /'tripline_idempotency_key' is Tripline's own property/,
    );
    expect(() => parseActionInput(updateContactPropertiesAction, { contactId: ids.contactId, properties: { 'Lifecycle Stage': 'lead' } })).toThrow(/HubSpot internal names/);
  });

  it("names the property HubSpot does not know", async () => {
    const input = parseActionInput(updateContactPropertiesAction, { contactId: ids.contactId, properties: { favourite_colour: 'teal' } });
    await expect(updateContactPropertiesAction.run({ auth: auth(), input, idempotencyKey: 'k' })).rejects.toThrow(/Property \\"favourite_colour\\" does not exist/);
  });
});

describe('updateCompanyProperties', () => {
  it('updates the company and undo restores it', async () => {
    const input = parseActionInput(updateCompanyPropertiesAction, { companyId: ids.companyId, properties: { pql_tier: 'High', industry: 'FINANCE' } });
    const output = await updateCompanyPropertiesAction.run({ auth: auth(), input, idempotencyKey: 'wf-3:update:1' });
    expect(output.previous).toEqual({ pql_tier: null, industry: 'SOFTWARE' });
    const company = () => server.store.get('companies', ids.companyId)!;
    expect(server.store.value(company(), 'pql_tier')).toBe('High');
    await updateCompanyPropertiesAction.undo!({ auth: auth(), input, output, idempotencyKey: 'wf-3:update:1:undo' });
    expect(server.store.value(company(), 'pql_tier')).toBeNull();
    expect(server.store.value(company(), 'industry')).toBe('SOFTWARE');
  });
});
