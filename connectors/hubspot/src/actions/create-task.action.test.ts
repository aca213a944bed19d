import { NonRetryableError, parseActionInput, parseConnectionConfig } from '@tripline/connector-sdk';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-server/fake-hubspot';
import { hubspotConnector } from '../hubspot.connector';
import { seedContactAndCompany } from '../test-support/seed';
import { createNoteAction } from './create-note.action';
import { createTaskAction } from './create-task.action';

let server: FakeHubSpot;
let ids: { contactId: string; companyId: string };
const auth = () => parseConnectionConfig(hubspotConnector, { accessToken: server.accessToken, baseUrl: server.url });

beforeEach(async () => {
  server = await startFakeHubSpot();
  ids = seedContactAndCompany(server);
});
afterEach(() => server.close());

const taskInput = () =>
  parseActionInput(createTaskAction, {
    subject: 'Call Ada: PQL score 82 (High)',
    body: '<p>Ada invited 4 teammates this week.</p>',
    ownerId: '77001',
    dueDate: '2026-03-02T09:30:00+01:00',
    contactId: ` ${ids.contactId} `,
    companyId: ids.companyId,
  });

describe('createTask', () => {
  it('creates the task with owner, due date and body, associated with the contact and company', async () => {
    const output = await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'wf-1:task:1' });
    expect(output).toEqual({ taskId: expect.any(String), created: true, dueAt: '2026-03-02T08:30:00.000Z' });
    const task = server.store.get('tasks', output.taskId)!;
    expect(server.store.value(task, 'hs_task_subject')).toBe('Call Ada: PQL score 82 (High)');
    expect(server.store.value(task, 'hs_task_body')).toBe('<p>Ada invited 4 teammates this week.</p>');
    expect(server.store.value(task, 'hubspot_owner_id')).toBe('77001');
    expect(server.store.value(task, 'hs_timestamp')).toBe('2026-03-02T08:30:00.000Z');
    expect(server.store.value(task, 'hs_task_status')).toBe('NOT_STARTED');
    expect(task.associations).toEqual([
      { type: 'contacts', id: ids.contactId, associationTypeId: 204 },
      { type: 'companies', id: ids.companyId, associationTypeId: 192 },
    ]);
    expect(server.requestsTo('POST', '/crm/v3/objects/tasks')[0]!.headers.authorization).toBe(`Bearer ${server.accessToken}`);
  });

  it('a retry of the same step finds the task it created instead of creating a second one', async () => {
    const first = await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'wf-1:task:1' });
    const retry = await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'wf-1:task:1' });
    expect(retry).toEqual({ taskId: first.taskId, created: false, dueAt: first.dueAt });
    expect(server.store.all('tasks')).toHaveLength(1);
    expect(server.requestsTo('POST', '/crm/v3/objects/tasks')).toHaveLength(1);
    // Another step (another key) is another task.
    await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'wf-1:task:2' });
    expect(server.store.all('tasks')).toHaveLength(2);
  });

  it('undo deletes the task, and a second undo finds it already gone', async () => {
    const output = await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'wf-1:task:1' });
    await expect(createTaskAction.undo!({ auth: auth(), input: taskInput(), output, idempotencyKey: 'wf-1:task:1:undo' })).resolves.toEqual({
      taskId: output.taskId,
      deleted: true,
      alreadyGone: false,
    });
    expect(server.store.get('tasks', output.taskId)).toBeUndefined();
    await expect(createTaskAction.undo!({ auth: auth(), input: taskInput(), output, idempotencyKey: 'wf-1:task:1:undo' })).resolves.toMatchObject({ alreadyGone: true });
  });

  it('names what is wrong with an input, and what HubSpot refused', async () => {
    const bad = () => parseActionInput(createTaskAction, { subject: ' ', contactId: 'ada@acme.test', dueDate: 'tomorrow' });
    expect(bad).toThrow(/subject: A subject is required/);
    expect(bad).toThrow(/contactId: contactId must be a HubSpot record id \(digits only\)/);
    expect(bad).toThrow(/dueDate: Expected an ISO date/);
    expect(() => parseActionInput(createTaskAction, { subject: 'Call' })).toThrow(/Associate the task with a contactId, companyId or dealId/);
    const input = parseActionInput(createTaskAction, { subject: 'Call', contactId: ids.contactId, ownerId: '999' });
    await expect(createTaskAction.run({ auth: auth(), input, idempotencyKey: 'k' })).rejects.toThrow(/answered 400 Bad Request: VALIDATION_ERROR: .*999 is not a valid owner id/);
  });

  it('says how to set up the idempotency property when the account lacks it', async () => {
    await server.close();
    server = await startFakeHubSpot({ withIdempotencyProperty: false });
    ids = seedContactAndCompany(server);
    const error = await createTaskAction.run({ auth: auth(), input: taskInput(), idempotencyKey: 'k' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NonRetryableError);
    expect((error as Error).message).toMatch(/^The HubSpot account has no 'tripline_idempotency_key' property on tasks; create it once/);
    expect(server.store.all('tasks')).toHaveLength(0);
  });
});

describe('createNote', () => {
  it('logs the note on the contact once per step and deletes it on undo', async () => {
    const input = parseActionInput(createNoteAction, { body: 'Reached the High tier (score 82).', contactId: ids.contactId, timestamp: '2026-02-02' });
    const first = await createNoteAction.run({ auth: auth(), input, idempotencyKey: 'wf-1:note:1' });
    const retry = await createNoteAction.run({ auth: auth(), input, idempotencyKey: 'wf-1:note:1' });
    expect(retry).toEqual({ noteId: first.noteId, created: false });
    expect(server.store.all('notes')).toHaveLength(1);
    const note = server.store.get('notes', first.noteId)!;
    expect(server.store.value(note, 'hs_note_body')).toBe('Reached the High tier (score 82).');
    expect(server.store.value(note, 'hs_timestamp')).toBe('2026-02-02T00:00:00.000Z');
    expect(note.associations).toEqual([{ type: 'contacts', id: ids.contactId, associationTypeId: 202 }]);
    await createNoteAction.undo!({ auth: auth(), input, output: first, idempotencyKey: 'wf-1:note:1:undo' });
    expect(server.store.all('notes')).toHaveLength(0);
  });
});
