import { z } from 'zod';
import { SOQL_FIELD } from '../api/soql';

/** A 15- or 18-character record id (case-sensitive 15, or the case-safe 18). */
export const salesforceId = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'Use a 15- or 18-character Salesforce record id, e.g. 00Q5g00000AbCdEAAV');

/** A field's API name on the record itself (no relationship paths), e.g. "Product_Engagement_Score__c". */
export const fieldName = z
  .string()
  .trim()
  .regex(SOQL_FIELD, 'Use a field API name such as "Product_Engagement_Score__c"')
  .refine((name) => !name.includes('.'), 'Update fields of the record itself, not of a related record')
  .refine((name) => name.toLowerCase() !== 'id', 'The Id field cannot be updated');

/** A value a field can hold in JSON: text, number, checkbox, or null to clear it. */
export const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FieldValue = z.output<typeof fieldValue>;

/** The org's API usage from `Sforce-Limit-Info`, on every action's output so runs show the budget. */
export const apiUsageOutput = z
  .object({ used: z.number().int(), max: z.number().int(), seenAt: z.string() })
  .optional()
  .describe('The org daily API usage as Salesforce reported it with this call');
