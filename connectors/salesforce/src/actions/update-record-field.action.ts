import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { salesforceClient } from '../api/salesforce-client';
import { salesforceAuth } from '../auth/salesforce-auth';
import { apiUsageOutput, fieldName, fieldValue, salesforceId } from './action-schemas';
import { readFields, restoreFields, sameFieldValue, writeFields } from './record-fields';

export const updateRecordFieldInput = z.object({
  object: z.enum(['Lead', 'Contact']),
  recordId: salesforceId,
  /** e.g. a product engagement score: "Product_Engagement_Score__c". */
  field: fieldName,
  value: fieldValue,
});

export const updateRecordFieldOutput = z.object({
  id: z.string(),
  object: z.enum(['Lead', 'Contact']),
  field: z.string(),
  /** The value before the update: what the undo puts back. */
  previous: fieldValue,
  value: fieldValue,
  /** False when the field already held the value (nothing was written). */
  changed: z.boolean(),
  apiUsage: apiUsageOutput,
});

export const updateRecordFieldAction = defineAction({
  auth: salesforceAuth,
  name: 'updateRecordField',
  displayName: 'Update a Lead or Contact field',
  description:
    'Sets one field of a Lead or Contact (e.g. a product engagement score). Reads the current value first and returns it as `previous`; the undo restores it unless someone changed the field since.',
  effect: 'write',
  input: updateRecordFieldInput,
  output: updateRecordFieldOutput,
  async run({ auth, input, signal }) {
    const client = salesforceClient(auth, signal);
    const before = await readFields(client, input.object, input.recordId, [input.field]);
    const previous = before[input.field] ?? null;
    const changed = !sameFieldValue(previous, input.value);
    if (changed) await writeFields(client, input.object, input.recordId, { [input.field]: input.value });
    return { id: input.recordId, object: input.object, field: input.field, previous, value: input.value, changed, apiUsage: client.apiUsage() };
  },
  async undo({ auth, output, signal }) {
    if (!output.changed) return { restored: [], skipped: [] };
    const client = salesforceClient(auth, signal);
    return restoreFields(client, output.object, output.id, { [output.field]: output.previous }, { [output.field]: output.value });
  },
});
