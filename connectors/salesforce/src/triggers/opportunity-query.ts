import { soqlDateTime, soqlField, soqlString } from '../api/soql';
import type { OpportunityStageOptions } from './opportunity-stage-options';

/** Fields every change carries (besides the amount, loss reason and extra fields of the options). */
export const BASE_FIELDS = [
  'Id',
  'Name',
  'StageName',
  'IsClosed',
  'IsWon',
  'CloseDate',
  'AccountId',
  'OwnerId',
  'ContactId',
  'LastStageChangeDate',
  'SystemModstamp',
  'Account.Name',
  'Account.Website',
  'Contact.Email',
] as const;

export function selectedFields(options: OpportunityStageOptions): string[] {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const field of [...BASE_FIELDS, options.amountField, options.lossReasonField, ...options.extraFields]) {
    if (seen.has(field.toLowerCase())) continue;
    seen.add(field.toLowerCase());
    fields.push(soqlField(field));
  }
  return fields;
}

function stageCondition(rule: OpportunityStageOptions['stages'][number], options: OpportunityStageOptions): string {
  const parts = [`StageName = ${soqlString(rule.stage)}`];
  if (rule.minAmount !== undefined) parts.push(`${soqlField(options.amountField)} >= ${rule.minAmount}`);
  if (rule.lossReasonEmpty) parts.push(`${soqlField(options.lossReasonField)} = null`);
  return `(${parts.join(' AND ')})`;
}

/**
 * Opportunities modified in [from, until] that sit in one of the stages with its filters, oldest
 * first. `from` is inclusive: several records share a SystemModstamp (stored to the second), and the
 * checkpoint's ids drop the ones already delivered.
 */
export function opportunityStageQuery(options: OpportunityStageOptions, from: string, until: string): string {
  const stages = options.stages.map((rule) => stageCondition(rule, options)).join(' OR ');
  return [
    `SELECT ${selectedFields(options).join(', ')}`,
    'FROM Opportunity',
    `WHERE SystemModstamp >= ${soqlDateTime(from)} AND SystemModstamp <= ${soqlDateTime(until)} AND (${stages})`,
    'ORDER BY SystemModstamp ASC, Id ASC',
  ].join(' ');
}
