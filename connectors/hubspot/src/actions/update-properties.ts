import { defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { hubspotAuth } from '../auth/hubspot-auth';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { readRecord, updateRecord } from '../crm/crm-objects';
import type { CrmRecord } from '../crm/crm-types';
import { IDEMPOTENCY_PROPERTY, withPropertyHint } from '../crm/idempotency';
import { propertyName, recordId } from './action-inputs';

/** Values as a step gives them; HubSpot stores every property as text, and "" clears one. */
const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((value) => (value === null ? '' : String(value)));

const propertiesInput = z
  .record(z.string(), propertyValue)
  .superRefine((properties, context) => {
    const wrong = Object.keys(properties).filter((name) => !propertyName.safeParse(name).success);
    if (wrong.length > 0) {
      context.addIssue({ code: 'custom', message: `${wrong.map((name) => `'${name}'`).join(', ')}: property names are HubSpot internal names (e.g. "lifecyclestage")` });
    }
  })
  .refine((properties) => Object.keys(properties).length > 0, { message: 'Give at least one property to update' })
  .refine((properties) => !(IDEMPOTENCY_PROPERTY in properties), { message: `'${IDEMPOTENCY_PROPERTY}' is Tripline's own property` });

export const updatePropertiesOutput = z.object({
  recordId: z.string(),
  /** The values before this step (null: the property was empty); what undo restores. */
  previous: z.record(z.string(), z.string().nullable()),
  /** The values this step wrote. */
  values: z.record(z.string(), z.string()),
});

export type UpdatePropertiesOutput = z.output<typeof updatePropertiesOutput>;

export const updateContactPropertiesInput = z.object({ contactId: recordId('contactId'), properties: propertiesInput });
export const updateCompanyPropertiesInput = z.object({ companyId: recordId('companyId'), properties: propertiesInput });

/**
 * `updateContactProperties` and `updateCompanyProperties`: one implementation, two objects. The run
 * reads the current values first and returns them as `previous`; the PATCH also stamps the step's
 * idempotency key on the record, so a retry after a write whose answer was lost recognises its own
 * write and takes `previous` from the property history instead of reading back its own values.
 */
function updatePropertiesAction<TInput extends z.ZodType<{ properties: Record<string, string> }>>(object: {
  type: 'contacts' | 'companies';
  name: string;
  label: string;
  input: TInput;
  idOf: (input: z.output<TInput>) => string;
}) {
  return defineAction({
    auth: hubspotAuth,
    name: object.name,
    displayName: `Update ${object.label} properties`,
    description: `Sets properties of a HubSpot ${object.label} (e.g. a product engagement score). Undo restores the previous values unless someone changed them since.`,
    effect: 'write',
    input: object.input,
    output: updatePropertiesOutput,
    async run({ auth, input: given, idempotencyKey, signal }) {
      const id = object.idOf(given);
      const names = Object.keys(given.properties);
      const tracked = [...names, IDEMPOTENCY_PROPERTY];
      const record = await withPropertyHint(object.type, () =>
        readRecord(auth, object.type, id, { properties: tracked, propertiesWithHistory: tracked, signal }),
      );
      const alreadyWritten = record.properties[IDEMPOTENCY_PROPERTY] === idempotencyKey;
      const previous = alreadyWritten
        ? valuesBeforeOwnWrite(record, names, idempotencyKey)
        : Object.fromEntries(names.map((name) => [name, record.properties[name] || null]));
      if (!alreadyWritten) {
        await withPropertyHint(object.type, () =>
          updateRecord(auth, object.type, id, { ...given.properties, [IDEMPOTENCY_PROPERTY]: idempotencyKey }, signal),
        );
      }
      return { recordId: id, previous, values: given.properties };
    },
    async undo({ auth, output, signal }) {
      return restorePrevious(auth, object.type, output, signal);
    },
  });
}

export const updateContactPropertiesAction = updatePropertiesAction({
  type: 'contacts',
  name: 'updateContactProperties',
  label: 'contact',
  input: updateContactPropertiesInput,
  idOf: (input) => input.contactId,
});

export const updateCompanyPropertiesAction = updatePropertiesAction({
  type: 'companies',
  name: 'updateCompanyProperties',
  label: 'company',
  input: updateCompanyPropertiesInput,
  idOf: (input) => input.companyId,
});

/**
 * The values each property had before the write stamped with `idempotencyKey`: the newest history
 * entry older than that write (none: the property was empty).
 */
function valuesBeforeOwnWrite(record: CrmRecord, names: string[], idempotencyKey: string): Record<string, string | null> {
  const stamp = record.propertiesWithHistory?.[IDEMPOTENCY_PROPERTY]?.find((entry) => entry.value === idempotencyKey);
  const writtenAt = stamp ? Date.parse(stamp.timestamp) : Number.POSITIVE_INFINITY;
  return Object.fromEntries(
    names.map((name) => {
      const before = (record.propertiesWithHistory?.[name] ?? []).find((entry) => Date.parse(entry.timestamp) < writtenAt);
      return [name, before && before.value !== '' ? before.value : null];
    }),
  );
}

/**
 * Puts back the previous values of the properties that still hold what the step wrote; a property
 * someone changed since is left alone (and reported), so an undo never overwrites newer work.
 */
async function restorePrevious(
  auth: HubSpotConfig,
  type: 'contacts' | 'companies',
  output: UpdatePropertiesOutput,
  signal?: AbortSignal,
): Promise<{ recordId: string; restored: string[]; changedSince: string[] }> {
  const names = Object.keys(output.values);
  const current = await readRecord(auth, type, output.recordId, { properties: names, signal });
  const restore: Record<string, string> = {};
  const changedSince: string[] = [];
  for (const name of names) {
    const now = current.properties[name] ?? '';
    const previous = output.previous[name] ?? '';
    if (now === previous) continue;
    if (now === output.values[name]) restore[name] = previous;
    else changedSince.push(name);
  }
  if (Object.keys(restore).length > 0) await updateRecord(auth, type, output.recordId, restore, signal);
  return { recordId: output.recordId, restored: Object.keys(restore), changedSince };
}
