/** The template gallery: the shared example playbooks, and which of the six templates each one is. Pure. */
import { EXAMPLE_PLAYBOOKS, SLA_PLAYBOOKS, type Playbook } from '@tripline/playbook';
import { slugOf } from '../playbooks/starter-playbook';

export interface PlaybookTemplate {
  playbook: Playbook;
  /** Which gallery template of issue 7 it serves, when it serves one. */
  covers: string | null;
}

const COVERS: Record<string, string> = {
  'trial-conversion': 'Free trial to paid conversion',
  'win-loss-interview': 'Win-loss post-loss interview sequence',
  'post-loss-email-sequence': 'Win-loss post-loss interview sequence',
  'sdr-follow-up-sla': 'PQL three-tier handoff (medium tier: SDR, SLA timer)',
  'ae-escalation-sla': 'PQL three-tier handoff (high tier: AE escalation, SLA timer)',
};

export const TEMPLATES: readonly PlaybookTemplate[] = [...EXAMPLE_PLAYBOOKS, ...SLA_PLAYBOOKS].map((playbook) => ({
  playbook,
  covers: COVERS[playbook.id] ?? null,
}));

/** The definition a new playbook starts from: the template, renamed, with an id of its own. */
export function playbookFromTemplate(template: Playbook, name: string): Playbook {
  return { ...structuredClone(template), id: slugOf(name), version: 1, name };
}

/** "3 steps · trigger: event "Trial Started"": what a card says about a template's shape. */
export function templateFacts(playbook: Playbook): string {
  const steps = Object.keys(playbook.nodes).length;
  const kinds = new Set(Object.values(playbook.nodes).map((node) => node.kind));
  return `${steps} step${steps === 1 ? '' : 's'} · trigger: ${playbook.trigger.kind} · ${[...kinds].join(', ')}`;
}
