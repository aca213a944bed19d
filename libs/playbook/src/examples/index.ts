import type { Playbook } from '../dsl/types';
import { demoRequestFollowUp } from './demo-request-follow-up';
import { postLossEmailSequence } from './post-loss-email-sequence';
import { trialConversion } from './trial-conversion';
import { winLossInterview } from './win-loss-interview';

export { demoRequestFollowUp, postLossEmailSequence, trialConversion, winLossInterview };
export { TRIGGER_TAXONOMY, type TaxonomyTrigger } from './trigger-taxonomy';
export { sdrFollowUpSla, aeEscalationSla, SLA_PLAYBOOKS, CRM_TASK_COMPLETED } from './sla-escalation';

/** Sample playbooks (seed data, designer templates, the end-to-end test). All pass validate(). */
export const EXAMPLE_PLAYBOOKS: readonly Playbook[] = [demoRequestFollowUp, winLossInterview, trialConversion, postLossEmailSequence];
