import { InvalidInputError, NonRetryableError, parseActionInput } from '@tripline/connector-sdk';
import { clearSessionCache } from '../auth/session-cache';
import { createFakeSalesforce, type FakeSalesforce } from '../fake-server';
import { refreshTokenConnection } from '../test-support/fake-connections';
import { runAction, undoAction } from '../test-support/run-action';
import { createTaskAction, externalIdFor } from './create-task.action';
import { updateOpportunityAction } from './update-opportunity.action';
import { updateRecordFieldAction } from './update-record-field.action';

describe('Salesforce actions against the fake', () => {
  let server: FakeSalesforce;
  let connection: Record<string, unknown>;
  beforeEach(async () => {
    clearSessionCache();
    server = await createFakeSalesforce();
    connection = refreshTokenConnection(server);
  });
  afterEach(() => server.close());

  describe('createTask', () => {
    const taskInput = (whoId: string) => ({ subject: 'Call Ada: PQL score 87', description: 'Top events: dashboards shared', whoId, activityDate: '2025-03-31' });

    it('creates the task with its fields, upserted on the External ID field with the idempotency key', async () => {
      const contact = server.org.insert('Contact', { LastName: 'Lovelace' });
      const output = await runAction<{ id: string; created: boolean; apiUsage: { used: number } }>(createTaskAction, connection, taskInput(contact.Id), 'tripline:ws:enr-1:task:1');
      expect(output).toMatchObject({ created: true, apiUsage: { used: 1, max: 15_000 } });
      expect(server.org.get('Task', output.id)).toMatchObject({
        Subject: 'Call Ada: PQL score 87',
        Description: 'Top events: dashboards shared',
        WhoId: contact.Id,
        ActivityDate: '2025-03-31',
        Status: 'Not Started',
        Priority: 'Normal',
        OwnerId: server.org.integrationUserId,
        Tripline_Key__c: 'tripline:ws:enr-1:task:1',
      });
      expect(server.requestsTo('PATCH', `/services/data/v62.0/sobjects/Task/Tripline_Key__c/${encodeURIComponent('tripline:ws:enr-1:task:1')}`)).toHaveLength(1);
    });

    it('creates one task when the step is retried with the same key (a lost answer, a worker crash)', async () => {
      const contact = server.org.insert('Contact', { LastName: 'Lovelace' });
      const first = await runAction<{ id: string; created: boolean }>(createTaskAction, connection, taskInput(contact.Id), 'run-7:create-task:1');
      const retry = await runAction<{ id: string; created: boolean }>(createTaskAction, connection, taskInput(contact.Id), 'run-7:create-task:1');
      expect(retry).toEqual({ ...first, created: false, apiUsage: expect.anything() });
      expect(server.org.list('Task')).toHaveLength(1);
      const other = await runAction<{ id: string }>(createTaskAction, connection, taskInput(contact.Id), 'run-7:create-task:2');
      expect(other.id).not.toBe(first.id);
      expect(server.org.list('Task')).toHaveLength(2);
    });

    it('hashes a key that does not fit an External ID text field or a URL segment, the same way every time', () => {
      const long = `tripline:ws:${'x'.repeat(300)}:step:1`;
      expect(externalIdFor(long)).toMatch(/^sha256-[0-9a-f]{64}$/);
      expect(externalIdFor(long)).toBe(externalIdFor(long));
      expect(externalIdFor('a/b c')).toMatch(/^sha256-/);
      expect(externalIdFor('tripline:ws-1:pql:task:2')).toBe('tripline:ws-1:pql:task:2');
    });

    it('undo deletes the task, and a retried undo finds it already gone', async () => {
      const input = taskInput(server.org.insert('Lead', { LastName: 'Hopper', Company: 'Cobol Inc' }).Id);
      const output = await runAction<{ id: string }>(createTaskAction, connection, input);
      expect(await undoAction(createTaskAction, connection, input, output)).toEqual({ deleted: true, alreadyGone: false });
      expect(server.org.get('Task', output.id)).toBeUndefined();
      expect(await undoAction(createTaskAction, connection, input, output)).toEqual({ deleted: false, alreadyGone: true });
    });

    it('says how to fix an org without the External ID field', async () => {
      const error = await runAction(createTaskAction, { ...connection, idempotencyField: 'Missing_Key__c' }, { subject: 'Call' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NonRetryableError);
      expect((error as Error).message).toBe(
        "Salesforce has no External ID field 'Missing_Key__c' on Task (NOT_FOUND: Provided external ID field does not exist or is not accessible: Missing_Key__c). Create it (Text(255), External ID, Unique) or set the connection's idempotencyField: it is how a retried step finds the task it already created",
      );
    });

    it('refuses a Lead together with a related record, and a bad date, naming the fields', () => {
      expect(() => parseActionInput(createTaskAction, { subject: 'x', whoId: '00Q5g000000001AAAA', whatId: '0015g000000001AAAA' })).toThrow(
        "Invalid input for action 'createTask': whatId: A task about a Lead cannot also be related to a record (WhatId): Salesforce refuses it",
      );
      expect(() => parseActionInput(createTaskAction, { subject: 'x', activityDate: 'next friday', whoId: 'abc' })).toThrow(
        "Invalid input for action 'createTask': whoId: Use a 15- or 18-character Salesforce record id, e.g. 00Q5g00000AbCdEAAV; activityDate: activityDate must be a date such as 2025-03-31",
      );
    });

    it('turns a reference Salesforce refuses into invalid input naming the field', async () => {
      const error = await runAction(createTaskAction, connection, { subject: 'Call', whoId: '0035g0000000zzzAAA' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues).toEqual([{ field: 'WhoId', message: 'INVALID_CROSS_REFERENCE_KEY: invalid cross reference id' }]);
    });
  });

  describe('updateRecordField', () => {
    it('returns the previous value, and the undo restores it', async () => {
      const lead = server.org.insert('Lead', { LastName: 'Hopper', Company: 'Cobol Inc', Product_Engagement_Score__c: 41 });
      const input = { object: 'Lead', recordId: lead.Id, field: 'Product_Engagement_Score__c', value: 87 };
      const output = await runAction(updateRecordFieldAction, connection, input);
      expect(output).toMatchObject({ id: lead.Id, object: 'Lead', field: 'Product_Engagement_Score__c', previous: 41, value: 87, changed: true });
      expect(server.org.get('Lead', lead.Id)!.Product_Engagement_Score__c).toBe(87);
      expect(await undoAction(updateRecordFieldAction, connection, input, output)).toEqual({ restored: ['Product_Engagement_Score__c'], skipped: [] });
      expect(server.org.get('Lead', lead.Id)!.Product_Engagement_Score__c).toBe(41);
    });

    it('leaves a value someone changed since the update (an undo never erases a person’s edit)', async () => {
      const contact = server.org.insert('Contact', { LastName: 'Lovelace', Title: 'Analyst' });
      const input = { object: 'Contact', recordId: contact.Id, field: 'Title', value: 'Champion' };
      const output = await runAction(updateRecordFieldAction, connection, input);
      server.org.update('Contact', contact.Id, { Title: 'VP Analytics' });
      expect(await undoAction(updateRecordFieldAction, connection, input, output)).toEqual({
        restored: [],
        skipped: [{ field: 'Title', reason: 'changed since to "VP Analytics"; left as is' }],
      });
      expect(server.org.get('Contact', contact.Id)!.Title).toBe('VP Analytics');
    });

    it('writes nothing when the field already holds the value (numeric text counts as the number)', async () => {
      const lead = server.org.insert('Lead', { LastName: 'Hopper', Company: 'Cobol Inc', Product_Engagement_Score__c: 87 });
      const output = await runAction(updateRecordFieldAction, connection, { object: 'Lead', recordId: lead.Id, field: 'Product_Engagement_Score__c', value: '87' });
      expect(output).toMatchObject({ previous: 87, changed: false });
      expect(server.requestsTo('PATCH', `/services/data/v62.0/sobjects/Lead/${lead.Id}`)).toHaveLength(0);
    });

    it('names an unknown field (INVALID_FIELD) as invalid input', async () => {
      const lead = server.org.insert('Lead', { LastName: 'Hopper', Company: 'Cobol Inc' });
      const error = await runAction(updateRecordFieldAction, connection, { object: 'Lead', recordId: lead.Id, field: 'Engagement__c', value: 1 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(/^Salesforce GET \/services\/data\/v62\.0\/sobjects\/Lead\/\w+ answered 400: INVALID_FIELD: No such column 'Engagement__c' on entity 'Lead'/);
    });
  });

  describe('updateOpportunity', () => {
    it('updates several fields, returns their previous values, and the undo restores them', async () => {
      const deal = server.org.insert('Opportunity', { Name: 'Acme', StageName: 'Negotiation', Amount: 20_000, CloseDate: '2025-04-30', NextStep: 'Pricing call' });
      const input = { opportunityId: deal.Id, fields: { StageName: 'Closed Won', Amount: 25_000, NextStep: 'Pricing call' } };
      const output = await runAction(updateOpportunityAction, connection, input);
      expect(output).toMatchObject({
        id: deal.Id,
        previous: { StageName: 'Negotiation', Amount: 20_000, NextStep: 'Pricing call' },
        updated: { StageName: 'Closed Won', Amount: 25_000 },
      });
      expect(server.org.get('Opportunity', deal.Id)).toMatchObject({ StageName: 'Closed Won', Amount: 25_000, IsWon: true });
      expect(await undoAction(updateOpportunityAction, connection, input, output)).toEqual({ restored: ['StageName', 'Amount'], skipped: [] });
      expect(server.org.get('Opportunity', deal.Id)).toMatchObject({ StageName: 'Negotiation', Amount: 20_000, IsWon: false, IsClosed: false });
      // A retried undo finds the values back and writes nothing more.
      const patches = server.requestsTo('PATCH', `/services/data/v62.0/sobjects/Opportunity/${deal.Id}`).length;
      await undoAction(updateOpportunityAction, connection, input, output);
      expect(server.requestsTo('PATCH', `/services/data/v62.0/sobjects/Opportunity/${deal.Id}`)).toHaveLength(patches);
    });

    it('has nothing to restore on a deleted opportunity', async () => {
      const deal = server.org.insert('Opportunity', { Name: 'Acme', StageName: 'Negotiation', CloseDate: '2025-04-30' });
      const input = { opportunityId: deal.Id, fields: { NextStep: 'Exec call' } };
      const output = await runAction(updateOpportunityAction, connection, input);
      server.org.delete('Opportunity', deal.Id);
      expect(await undoAction(updateOpportunityAction, connection, input, output)).toEqual({
        restored: [],
        skipped: [{ field: 'NextStep', reason: 'the record no longer exists' }],
      });
    });

    it('refuses an empty update and a read-only field before calling Salesforce', async () => {
      expect(() => parseActionInput(updateOpportunityAction, { opportunityId: '0065g0000000001AAA', fields: {} })).toThrow('fields: Give at least one field to update');
      const deal = server.org.insert('Opportunity', { Name: 'Acme', StageName: 'Negotiation', CloseDate: '2025-04-30' });
      const error = await runAction(updateOpportunityAction, connection, { opportunityId: deal.Id, fields: { IsWon: true } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues[0]).toMatchObject({ field: 'IsWon', message: expect.stringMatching(/^INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create\/update fields: IsWon/) });
    });
  });
});
