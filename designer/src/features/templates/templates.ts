/** The template gallery: the shared example playbooks, and which of the six templates each one is. Pure. */
import { EXAMPLE_PLAYBOOKS, SLA_PLAYBOOKS, type Playbook } from '@tripline/playbook';
import { slugOf } from '../playbooks/starter-playbook';

export interface PlaybookTemplate {
  playbook: Playbook;
  /** Which gallery template of issue 7 it serves, when it serves one. */
  covers: string | null;
}

/** The six templates issue 7 asks the gallery for. */
export const GALLERY_TEMPLATES = [
  'PQL three-tier handoff',
  'Free trial to paid conversion',
  'Usage-based upsell',
  'Churn prevention on inactivity',
  'Win-loss post-loss interview sequence',
  '30-day onboarding activation checklist',
] as const;

type GalleryTemplate = (typeof GALLERY_TEMPLATES)[number];

/** Which of the six each example playbook is (a card says "PQL three-tier handoff (medium tier: …)"). */
const COVERS: Record<string, { template: GalleryTemplate; detail?: string }> = {
  'pql-three-tier-handoff': { template: 'PQL three-tier handoff', detail: 'all three tiers, SLA timers' },
  'sdr-follow-up-sla': { template: 'PQL three-tier handoff', detail: 'medium tier: SDR, SLA timer' },
  'ae-escalation-sla': { template: 'PQL three-tier handoff', detail: 'high tier: AE escalation, SLA timer' },
  'trial-conversion': { template: 'Free trial to paid conversion' },
  'usage-based-upsell': { template: 'Usage-based upsell' },
  'churn-prevention-inactivity': { template: 'Churn prevention on inactivity' },
  'win-loss-post-loss-interview': { template: 'Win-loss post-loss interview sequence' },
  'post-loss-email-sequence': { template: 'Win-loss post-loss interview sequence' },
  'onboarding-activation-30-day': { template: '30-day onboarding activation checklist' },
};

const coversText = ({ template, detail }: { template: string; detail?: string }) => (detail ? `${template} (${detail})` : template);

export const TEMPLATES: readonly PlaybookTemplate[] = [...EXAMPLE_PLAYBOOKS, ...SLA_PLAYBOOKS].map((playbook) => {
  const covers = COVERS[playbook.id];
  return { playbook, covers: covers ? coversText(covers) : null };
});

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

/** A scoring model of the workspace, as templates bind to it. */
export interface WorkspaceScoringModel {
  id: string;
  kind: string;
  publishedVersion: number | null;
}

/**
 * Templates name the domain's PQL model as "pql" (a placeholder: model ids are the workspace's own).
 * Binds each "pql" in a score trigger or score step to the workspace's first published component
 * model, so the new draft publishes as it is; left as it is when the workspace has none (publishing
 * then names the problem). Pure.
 */
export function bindTemplateModels(playbook: Playbook, models: readonly WorkspaceScoringModel[]): Playbook {
  const pql = models.find((model) => model.kind === 'components' && model.publishedVersion !== null);
  if (!pql) return playbook;
  const bind = (trigger: Playbook['trigger']): Playbook['trigger'] => {
    if (trigger.kind === 'all' || trigger.kind === 'any') return { ...trigger, triggers: trigger.triggers.map(bind) };
    if ((trigger.kind === 'scoreThreshold' || trigger.kind === 'tierChange') && trigger.model === PQL_PLACEHOLDER) return { ...trigger, model: pql.id };
    return trigger;
  };
  const nodes = Object.fromEntries(
    Object.entries(playbook.nodes).map(([id, node]) => [id, node.kind === 'score' && node.model === PQL_PLACEHOLDER ? { ...node, model: pql.id } : node]),
  );
  return { ...playbook, trigger: bind(playbook.trigger), nodes };
}

const PQL_PLACEHOLDER = 'pql';
