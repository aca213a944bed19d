import { createHash } from 'node:crypto';
import { defineAction, NonRetryableError } from '@tripline/connector-sdk';
import { z } from 'zod';
import { salesforceClient } from '../api/salesforce-client';
import { parseErrorBody } from '../api/salesforce-errors';
import { salesforceAuth } from '../auth/salesforce-auth';
import { apiUsageOutput, salesforceId } from './action-schemas';

const LEAD_PREFIX = '00Q';

export const createTaskInput = z
  .object({
    subject: z.string().trim().min(1, 'A subject is required').max(255, 'The subject is longer than 255 characters'),
    description: z.string().max(32000, 'The description is longer than 32,000 characters').optional(),
    /** The Lead or Contact the task is about. */
    whoId: salesforceId.optional(),
    /** The Account, Opportunity or other record it relates to. */
    whatId: salesforceId.optional(),
    /** The user (or queue) who should do it; the integration user when absent. */
    ownerId: salesforceId.optional(),
    /** Due date, YYYY-MM-DD. */
    activityDate: z.iso.date('activityDate must be a date such as 2025-03-31').optional(),
    status: z.string().trim().min(1).default('Not Started'),
    priority: z.enum(['High', 'Normal', 'Low']).default('Normal'),
  })
  .refine((input) => !(input.whoId?.startsWith(LEAD_PREFIX) && input.whatId), {
    message: 'A task about a Lead cannot also be related to a record (WhatId): Salesforce refuses it',
    path: ['whatId'],
  });

export const createTaskOutput = z.object({
  id: z.string(),
  /** False when a retry found the task an earlier attempt created (same idempotency key). */
  created: z.boolean(),
  apiUsage: apiUsageOutput,
});

export type CreateTaskInput = z.output<typeof createTaskInput>;

/**
 * The External ID value for a step's idempotency key: the key itself when it fits a text field and a
 * URL segment, else a hash of it (both stable across retries).
 */
export function externalIdFor(idempotencyKey: string): string {
  if (idempotencyKey.length <= 255 && /^[A-Za-z0-9_:.-]+$/.test(idempotencyKey)) return idempotencyKey;
  return `sha256-${createHash('sha256').update(idempotencyKey).digest('hex')}`;
}

function describe(body: unknown): string {
  const [first] = parseErrorBody(body);
  return first ? `${first.errorCode}: ${first.message}` : 'NOT_FOUND';
}

function taskFields(input: CreateTaskInput): Record<string, unknown> {
  const fields: Record<string, unknown> = { Subject: input.subject, Status: input.status, Priority: input.priority };
  if (input.description !== undefined) fields.Description = input.description;
  if (input.whoId) fields.WhoId = input.whoId;
  if (input.whatId) fields.WhatId = input.whatId;
  if (input.ownerId) fields.OwnerId = input.ownerId;
  if (input.activityDate) fields.ActivityDate = input.activityDate;
  return fields;
}

export const createTaskAction = defineAction({
  auth: salesforceAuth,
  name: 'createTask',
  displayName: 'Create task',
  description:
    'Creates a Task (subject, description, who/what, owner, due date). Upserted on the connection\'s External ID field with the step\'s idempotency key, so a retry never creates a second task.',
  effect: 'write',
  outreach: 'crm',
  input: createTaskInput,
  output: createTaskOutput,
  async run({ auth, input, idempotencyKey, signal }) {
    const client = salesforceClient(auth, signal);
    const path = client.dataPath(`/sobjects/Task/${auth.idempotencyField}/${encodeURIComponent(externalIdFor(idempotencyKey))}`);
    // Upsert by External ID: 201 created the first time, 200 (created: false) on a retry.
    const { status, body } = await client.request<{ id?: string; created?: boolean }>('PATCH', path, { body: taskFields(input), accept: [300, 404] });
    if (status === 404) {
      throw new NonRetryableError(
        `Salesforce has no External ID field '${auth.idempotencyField}' on Task (${describe(body)}). Create it (Text(255), External ID, Unique) or set the connection's idempotencyField: it is how a retried step finds the task it already created`,
      );
    }
    if (status === 300) {
      throw new NonRetryableError(`Several Tasks share the idempotency key in '${auth.idempotencyField}': mark the field Unique so a step's task can be found again`);
    }
    if (!body?.id) throw new NonRetryableError(`Salesforce PATCH ${path} answered ${status} without the task id (API version older than v46.0?)`);
    return { id: body.id, created: body.created ?? status === 201, apiUsage: client.apiUsage() };
  },
  async undo({ auth, output, signal }) {
    const client = salesforceClient(auth, signal);
    // 404 (NOT_FOUND / ENTITY_IS_DELETED): already gone, which is what the undo wants.
    const { status } = await client.request('DELETE', client.dataPath(`/sobjects/Task/${encodeURIComponent(output.id)}`), { accept: [404] });
    return { deleted: status === 204, alreadyGone: status === 404 };
  },
});
