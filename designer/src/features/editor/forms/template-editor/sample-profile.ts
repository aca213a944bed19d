/**
 * The profile template previews render against: one realistic product-qualified lead, drawn from the
 * domain material (../shared/domain): a mid-market team on a free trial whose 7-factor PQL score is
 * 72 — High tier (71–100: escalate to an AE) — after signing up for the trial, daily core-feature use
 * and pricing-page visits (the seed scoring table: 50 × 1.5, 10 × 1.2, 5 × 1.0).
 *
 * Templates in runs see exactly `event`, `person` and `account` (the run's EvaluationContext), plus
 * `score` in runs a score threshold or tier change started (the score that moved: model, score,
 * previousScore, tier, previousTier); the preview context has those and nothing more. The top events
 * below describe the sample person for the panel, but are not template variables.
 */
import type { EvaluationContext } from '@tripline/playbook';

export interface SampleContribution {
  event: string;
  count: number;
  points: number;
}

export interface SampleProfile {
  /** One line naming who the preview is about. */
  headline: string;
  score: number;
  tier: string;
  model: string;
  topEvents: readonly SampleContribution[];
  context: EvaluationContext;
}

const SAMPLE_EVENT_TIME = '2025-03-12T14:05:09.000Z';

export const SAMPLE_PROFILE: SampleProfile = Object.freeze({
  headline: 'Maya Chen, Head of Data at Northwind Analytics (Team trial, 25 seats)',
  score: 72,
  tier: 'High',
  model: 'PQL (7-factor)',
  topEvents: [
    { event: 'Signed Up for Free Trial', count: 1, points: 75 },
    { event: 'Used Core Feature (daily)', count: 6, points: 72 },
    { event: 'Visited Pricing Page', count: 3, points: 15 },
  ],
  context: {
    event: {
      name: 'Demo Requested',
      messageId: 'sample-3f9c2a71',
      timestamp: SAMPLE_EVENT_TIME,
      properties: { plan: 'team', source: 'pricing-page', seatsRequested: 40, product: 'Northwind Insights' },
    },
    person: {
      id: 'person-sample',
      userId: 'user-1042',
      traits: {
        email: 'maya.chen@northwind-analytics.example',
        firstName: 'Maya',
        lastName: 'Chen',
        name: 'Maya Chen',
        title: 'Head of Data',
        role: 'admin',
        plan: 'team-trial',
        timeZone: 'America/Chicago',
        hubspotContactId: '51234',
        trialEndsAt: '2025-03-26',
      },
    },
    account: {
      id: 'account-sample',
      groupId: 'northwind-analytics',
      traits: {
        name: 'Northwind Analytics',
        domain: 'northwind-analytics.example',
        industry: 'Logistics',
        employees: 180,
        plan: 'Team',
        seats: 25,
        weeklyActiveUsers: 25,
        mrr: 1250,
        planDauBaseline: 12,
        hubspotCompanyId: '90817',
        aeEmail: 'jordan.lee@tripline.example',
        sdrEmail: 'sam.ortiz@tripline.example',
        salesManagerEmail: 'priya.nair@tripline.example',
      },
    },
    score: { model: 'pql', score: 72, previousScore: 64.5, tier: 'High', previousTier: 'Medium' },
  },
});

/**
 * The preview context for a playbook: the sample person and account, and the sample event named
 * after the playbook's trigger event when it has one (so `event.name` reads as in a real run).
 */
export function sampleContext(eventName?: string): EvaluationContext {
  const base = SAMPLE_PROFILE.context;
  if (!eventName || !base.event) return base;
  return { ...base, event: { ...base.event, name: eventName } };
}

/** Dotted paths of the sample context ("person.traits.email"), as suggestions for filters and templates. */
export function samplePaths(context: EvaluationContext = SAMPLE_PROFILE.context): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else if (path) paths.push(path);
  };
  walk(context, '');
  return paths;
}
