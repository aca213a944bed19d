import { z } from 'zod';

/** The channels outreach actions declare (connector SDK `outreach`), plus 'all' for a cap across channels. */
export const OUTREACH_CHANNELS = ['email', 'crm', 'slack', 'webhook'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];
export const CAP_SCOPES = ['all', ...OUTREACH_CHANNELS] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/** At most `max` outreach per contact within `days` days, on one channel or on all together. */
export interface FrequencyCapRule {
  channel: CapScope;
  max: number;
  days: number;
}

export const MAX_WINDOW_DAYS = 365;

export const frequencyCapRulesSchema = z
  .array(
    z.object({
      channel: z.enum(CAP_SCOPES),
      max: z.number().int('max must be a whole number').min(1, 'max must be at least 1').max(1000, 'max must be at most 1000'),
      days: z.number().positive('days must be more than 0').max(MAX_WINDOW_DAYS, `days must be at most ${MAX_WINDOW_DAYS}`),
    }),
  )
  .max(CAP_SCOPES.length, `at most one rule per channel (${CAP_SCOPES.join(', ')})`)
  .superRefine((rules, context) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.channel)) context.addIssue({ code: 'custom', path: [index, 'channel'], message: `channel '${rule.channel}' has two rules` });
      seen.add(rule.channel);
    });
  });

export function rulesFor(rules: readonly FrequencyCapRule[], channel: OutreachChannel): FrequencyCapRule[] {
  return rules.filter((rule) => rule.channel === 'all' || rule.channel === channel);
}
