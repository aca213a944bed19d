import { createFakeSalesforce, type FakeSalesforce } from './fake-salesforce';
import { caseSafeId } from './fake-ids';
import { parseSoql } from './fake-soql';

describe('fake Salesforce', () => {
  let server: FakeSalesforce;
  let token: string;
  beforeEach(async () => {
    server = await createFakeSalesforce({ maxBatchSize: 2 });
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: server.oauth.clientId, client_secret: server.oauth.clientSecret!, refresh_token: server.oauth.refreshToken });
    const answer = (await (await fetch(`${server.url}/services/oauth2/token`, { method: 'POST', body: form })).json()) as Record<string, string>;
    expect(answer).toMatchObject({ token_type: 'Bearer', instance_url: server.url, scope: 'api' });
    token = answer.access_token!;
  });
  afterEach(() => server.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  const query = (soql: string) => get(`/services/data/v62.0/query?${new URLSearchParams({ q: soql }).toString()}`);

  it('makes 18-character ids with the case-safe suffix', () => {
    expect(caseSafeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });

  it('answers a wrong token with 401 INVALID_SESSION_ID and counts every accepted call in Sforce-Limit-Info', async () => {
    const refused = await fetch(`${server.url}/services/data/v62.0/limits`, { headers: { Authorization: 'Bearer nope' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const first = await get('/services/data/v62.0/limits');
    const second = await get('/services/data/v62.0/limits');
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');
    expect(second.body).toMatchObject({ DailyApiRequests: { Max: 15000, Remaining: 14998 } });
  });

  it('refuses bad grants with the OAuth error body', async () => {
    const refuse = async (form: Record<string, string>) => {
      const response = await fetch(`${server.url}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(form) });
      return [response.status, await response.json()];
    };
    expect(await refuse({ grant_type: 'refresh_token', client_id: 'other', refresh_token: 'x' })).toEqual([400, { error: 'invalid_client_id', error_description: 'client identifier invalid' }]);
    expect(await refuse({ grant_type: 'refresh_token', client_id: server.oauth.clientId, client_secret: server.oauth.clientSecret!, refresh_token: 'old' })).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    ]);
    expect(await refuse({ grant_type: 'password' })).toEqual([400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }]);
  });

  it('runs SOQL with AND/OR precedence, IN, LIKE, null and dateTime comparisons, ordered, in pages', async () => {
    const { org } = server;
    const at = (time: string) => ({ at: `2025-03-03T${time}Z` });
    org.insert('Opportunity', { Name: 'a', StageName: 'Closed Lost', Amount: 20_000, CloseDate: '2025-03-03' }, at('10:00:00'));
    org.insert('Opportunity', { Name: 'b', StageName: 'Closed Lost', Amount: 20_000, CloseDate: '2025-03-03', Loss_Reason__c: 'Price' }, at('10:00:00'));
    org.insert('Opportunity', { Name: 'c', StageName: 'Closed Won', Amount: 1, CloseDate: '2025-03-03' }, at('09:00:00'));
    org.insert('Opportunity', { Name: "d'e", StageName: 'Prospecting', Amount: 1, CloseDate: '2025-03-03' }, at('11:00:00'));
    const soql =
      "SELECT Name, Amount FROM Opportunity WHERE SystemModstamp >= 2025-03-03T09:00:00Z AND (StageName = 'closed lost' AND Loss_Reason__c = null OR StageName IN ('Closed Won', 'x') OR Name LIKE 'd\\'%') ORDER BY SystemModstamp DESC, Name";
    const page = await query(soql);
    expect(page.body).toEqual({
      totalSize: 3,
      done: false,
      nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v62\.0\/query\/01g\w+-2$/),
      records: [
        { attributes: { type: 'Opportunity', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Opportunity\/006/) }, Name: "d'e", Amount: 1 },
        { attributes: expect.anything(), Name: 'a', Amount: 20_000 },
      ],
    });
    const next = await get((page.body as { nextRecordsUrl: string }).nextRecordsUrl);
    expect(next.body).toMatchObject({ totalSize: 3, done: true, records: [{ Name: 'c' }] });
    expect(next.body).not.toHaveProperty('nextRecordsUrl');
  });

  it('answers bad SOQL as Salesforce does: MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE', async () => {
    expect(await query('SELECT Id FROM Opportunity WHERE')).toMatchObject({ status: 400, body: [{ errorCode: 'MALFORMED_QUERY' }] });
    expect(await query('SELECT Id, Nope__c FROM Opportunity')).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nope__c' on entity 'Opportunity'") }] });
    expect(await query('SELECT Id FROM Widget__c')).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_TYPE' }] });
    expect(await get('/services/data/v62.0/query/01gnope-2')).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR' }] });
    expect(() => parseSoql("SELECT Id FROM Lead WHERE Name = 'open")).toThrow("unexpected token: ''open'");
  });

  it('nests relationship fields, null when the reference is empty', async () => {
    const account = server.org.insert('Account', { Name: 'Acme', Website: 'acme.com' });
    server.org.insert('Opportunity', { Name: 'with', StageName: 'Closed Won', CloseDate: '2025-03-03', AccountId: account.Id });
    server.org.insert('Opportunity', { Name: 'without', StageName: 'Closed Won', CloseDate: '2025-03-03' });
    const { body } = await query('SELECT Name, Account.Name, Account.Website FROM Opportunity ORDER BY Name DESC');
    expect((body as { records: unknown[] }).records).toEqual([
      { attributes: expect.anything(), Name: 'without', Account: null },
      { attributes: expect.anything(), Name: 'with', Account: { attributes: { type: 'Account', url: expect.any(String) }, Name: 'Acme', Website: 'acme.com' } },
    ]);
  });

  it('upserts by External ID: 201 created, then 200 with created false; 404 for a field that is not one', async () => {
    const upsert = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => [
        response.status,
        await response.json(),
      ]);
    const [status, created] = (await upsert('/services/data/v62.0/sobjects/Task/Tripline_Key__c/k-1', { Subject: 'Call' })) as [number, { id: string }];
    expect([status, created]).toEqual([201, { id: expect.stringMatching(/^00T/), success: true, errors: [], created: true }]);
    expect(await upsert('/services/data/v62.0/sobjects/Task/Tripline_Key__c/k-1', { Subject: 'Call again' })).toEqual([200, { id: created.id, success: true, errors: [], created: false }]);
    expect(server.org.get('Task', created.id)).toMatchObject({ Subject: 'Call again', Tripline_Key__c: 'k-1' });
    expect(await upsert('/services/data/v62.0/sobjects/Task/Subject/k-1', { Subject: 'x' })).toEqual([
      404,
      [{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Subject' }],
    ]);
  });

  it('refuses calls past the daily allocation with 403 REQUEST_LIMIT_EXCEEDED', async () => {
    server.org.apiUsage = { used: 15_000, max: 15_000 };
    const refused = await get('/services/data/v62.0/limits');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=15000/15000');
  });
});
