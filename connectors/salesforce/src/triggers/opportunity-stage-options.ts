import { z } from 'zod';
import { SOQL_FIELD } from '../api/soql';

const soqlFieldName = z.string().trim().regex(SOQL_FIELD, 'Use a field API name such as "Loss_Reason__c" or "Account.Website"');

export const stageRule = z.object({
  /** The stage the opportunity moved to, e.g. "Closed Lost". */
  stage: z.string().trim().min(1, 'Give the stage name, e.g. "Closed Lost"'),
  /** Only deals of at least this amount (the amount field below). */
  minAmount: z.number().nonnegative().optional(),
  /** Only deals whose loss reason field is empty (nobody logged why). */
  lossReasonEmpty: z.boolean().default(false),
});

/** The win-loss trigger table of the domain guide: lost deals ≥ $10K with no loss reason; every won deal. */
export const DEFAULT_STAGE_RULES: z.output<typeof stageRule>[] = [
  { stage: 'Closed Lost', minAmount: 10_000, lossReasonEmpty: true },
  { stage: 'Closed Won', lossReasonEmpty: false },
];

export const opportunityStageOptions = z.object({
  stages: z.array(stageRule).min(1, 'Give at least one stage').default(DEFAULT_STAGE_RULES),
  amountField: soqlFieldName.default('Amount'),
  /** Loss reason is a custom field in most orgs. */
  lossReasonField: soqlFieldName.default('Loss_Reason__c'),
  /** More fields to carry in the change's record, e.g. "Competitor__c" or "Account.Industry". */
  extraFields: z.array(soqlFieldName).max(50).default([]),
  /** Where the first poll starts (a backfill); without it, changes from the first poll on. */
  since: z.iso.datetime({ offset: true, message: 'since must be an ISO 8601 time such as 2025-01-01T00:00:00Z' }).optional(),
  /**
   * Polls read up to "now" minus this many seconds: SystemModstamp is stamped when a transaction
   * starts, so a long transaction commits records stamped a little in the past; the lag lets them land
   * before the cursor passes their time.
   */
  settleSeconds: z.number().int().min(0).max(3600).default(30),
});

export type OpportunityStageOptions = z.output<typeof opportunityStageOptions>;
