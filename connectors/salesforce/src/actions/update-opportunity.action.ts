import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { salesforceClient } from '../api/salesforce-client';
import { salesforceAuth } from '../auth/salesforce-auth';
import { apiUsageOutput, fieldName, fieldValue, salesforceId } from './action-schemas';
import { readFields, restoreFields, sameFieldValue, writeFields } from './record-fields';

export const updateOpportunityInput = z.object({
  opportunityId: salesforceId,
  /** Field API name → new value, e.g. { "NextStep": "Win-loss interview", "Amount": 12000 }. */
  fields: z
    .record(fieldName, fieldValue)
    .refine((fields) => Object.keys(fields).length > 0, 'Give at least one field to update'),
});

const values = z.record(z.string(), fieldValue);

export const updateOpportunityOutput = z.object({
  id: z.string(),
  /** Every given field's value before the update: what the undo puts back. */
  previous: values,
  /** The fields that were written (those that already held the value are left out). */
  updated: values,
  apiUsage: apiUsageOutput,
});

export const updateOpportunityAction = defineAction({
  auth: salesforceAuth,
  name: 'updateOpportunity',
  displayName: 'Update an Opportunity',
  description:
    'Sets fields of an Opportunity. Reads their current values first and returns them as `previous`; the undo restores each field unless someone changed it since.',
  effect: 'write',
  input: updateOpportunityInput,
  output: updateOpportunityOutput,
  async run({ auth, input, signal }) {
    const client = salesforceClient(auth, signal);
    const fields = Object.keys(input.fields);
    const previous = await readFields(client, 'Opportunity', input.opportunityId, fields);
    const updated = Object.fromEntries(Object.entries(input.fields).filter(([field, value]) => !sameFieldValue(previous[field], value)));
    if (Object.keys(updated).length > 0) await writeFields(client, 'Opportunity', input.opportunityId, updated);
    return { id: input.opportunityId, previous, updated, apiUsage: client.apiUsage() };
  },
  async undo({ auth, output, signal }) {
    if (Object.keys(output.updated).length === 0) return { restored: [], skipped: [] };
    const client = salesforceClient(auth, signal);
    return restoreFields(client, 'Opportunity', output.id, output.previous, output.updated);
  },
});
