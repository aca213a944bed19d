import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { hubspotAuth } from '../auth/hubspot-auth';
import { associationsFor } from '../crm/associations';
import { archiveRecord, createRecord } from '../crm/crm-objects';
import { IDEMPOTENCY_PROPERTY, findByIdempotencyKey, withPropertyHint } from '../crm/idempotency';
import { epochMsOf, isoDateOrDateTime, recordId } from './action-inputs';

const DAY_MS = 24 * 60 * 60 * 1000;

export const createTaskInput = z
  .object({
    /** The task title (rendered from the step's template before the action runs). */
    subject: z.string().trim().min(1, 'A subject is required').max(65_536),
    /** The task notes; HubSpot shows HTML. */
    body: z.string().max(65_536).optional(),
    /** The HubSpot owner (user) the task is assigned to. */
    ownerId: recordId('ownerId').optional(),
    /** When the task is due: an ISO date or date-time. Defaults to `dueInDays` from now. */
    dueDate: isoDateOrDateTime.optional(),
    dueInDays: z.coerce.number().int().min(0).max(365).default(1),
    priority: z.enum(['LOW', 'MEDIUM', 'HIGH']).optional(),
    taskType: z.enum(['TODO', 'CALL', 'EMAIL']).default('TODO'),
    /** The contact, company and/or deal whose timeline shows the task. */
    contactId: recordId('contactId').optional(),
    companyId: recordId('companyId').optional(),
    dealId: recordId('dealId').optional(),
  })
  .refine((input) => input.contactId || input.companyId || input.dealId, {
    message: 'Associate the task with a contactId, companyId or dealId',
    path: ['contactId'],
  });

export const createTaskOutput = z.object({
  taskId: z.string(),
  /** False when an earlier attempt of this step had already created it. */
  created: z.boolean(),
  /** ISO 8601 due time written to hs_timestamp. */
  dueAt: z.string(),
});

export type CreateTaskInput = z.output<typeof createTaskInput>;
export type CreateTaskOutput = z.output<typeof createTaskOutput>;

const TASK_PROPERTIES = ['hs_task_subject', 'hs_timestamp'];

export const createTaskAction = defineAction({
  auth: hubspotAuth,
  name: 'createTask',
  displayName: 'Create task',
  description: "Creates a HubSpot task for an owner, due on a date, on the contact's / company's timeline. Undo deletes it.",
  effect: 'write',
  // An SDR task is how the CRM channel reaches a contact: the per-contact frequency caps apply.
  outreach: 'crm',
  input: createTaskInput,
  output: createTaskOutput,
  async run({ auth, input, idempotencyKey, signal }) {
    const existing = await findByIdempotencyKey(auth, 'tasks', idempotencyKey, TASK_PROPERTIES, signal);
    if (existing) {
      return { taskId: existing.id, created: false, dueAt: isoOf(existing.properties.hs_timestamp) };
    }
    const dueAt = new Date(input.dueDate ? epochMsOf(input.dueDate) : Date.now() + input.dueInDays * DAY_MS).toISOString();
    const properties: Record<string, string> = {
      hs_task_subject: input.subject,
      hs_timestamp: dueAt,
      hs_task_status: 'NOT_STARTED',
      hs_task_type: input.taskType,
      [IDEMPOTENCY_PROPERTY]: idempotencyKey,
    };
    if (input.body !== undefined) properties.hs_task_body = input.body;
    if (input.ownerId) properties.hubspot_owner_id = input.ownerId;
    if (input.priority) properties.hs_task_priority = input.priority;
    const task = await withPropertyHint('tasks', () =>
      createRecord(auth, 'tasks', { properties, associations: associationsFor('tasks', input) }, signal),
    );
    return { taskId: task.id, created: true, dueAt };
  },
  async undo({ auth, output, signal }) {
    const deleted = await archiveRecord(auth, 'tasks', output.taskId, signal);
    return { taskId: output.taskId, deleted, alreadyGone: !deleted };
  },
});

function isoOf(value: string | null | undefined): string {
  if (!value) return '';
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(at) ? value : new Date(at).toISOString();
}
