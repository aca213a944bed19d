import type { Playbook } from '../dsl/types';
import { churnPreventionInactivity } from './churn-prevention';
import { demoRequestFollowUp } from './demo-request-follow-up';
import { onboardingActivation } from './onboarding-activation';
import { postLossEmailSequence } from './post-loss-email-sequence';
import { pqlThreeTierHandoff } from './pql-three-tier-handoff';
import { trialConversion } from './trial-conversion';
import { usageBasedUpsell } from './usage-based-upsell';
import { winLossInterview } from './win-loss-interview';

export { demoRequestFollowUp, postLossEmailSequence, trialConversion, winLossInterview };
export { usageBasedUpsell, churnPreventionInactivity, onboardingActivation, pqlThreeTierHandoff };
export { TRIGGER_TAXONOMY, type TaxonomyTrigger } from './trigger-taxonomy';
export { sdrFollowUpSla, aeEscalationSla, SLA_PLAYBOOKS, CRM_TASK_COMPLETED } from './sla-escalation';

/**
 * Sample playbooks (seed data, designer templates, the end-to-end test). All pass validate(). Every
 * action in them is an email to the enrolled person (the template checks of @tripline/templates
 * render them as such).
 */
export const EXAMPLE_PLAYBOOKS: readonly Playbook[] = [
  demoRequestFollowUp,
  winLossInterview,
  trialConversion,
  postLossEmailSequence,
  usageBasedUpsell,
  churnPreventionInactivity,
  onboardingActivation,
];

