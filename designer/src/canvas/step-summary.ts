/**
 * The text and ports a node shows, from @tripline/playbook's own helpers (one wording everywhere),
 * sharpened where the designer knows more: what an outreach action sends ("Email: <subject>"),
 * the tier a score threshold leads into ("Score ≥ 71 → High tier"), a model's name instead of its id.
 * Drafts are edited by hand and may be incomplete, so a step those helpers cannot read is still drawn.
 */
import {
  describeFilter,
  describeStep,
  describeTrigger,
  outputPorts,
  type ActionStep,
  type Step,
  type Trigger,
} from '@tripline/playbook';
import { tierOf } from '@tripline/scoring';

/** What the server's connector catalogue says about an action (`connectorCatalogue`). */
export interface ActionInfo {
  displayName: string;
  irreversible: boolean;
}

/** A scoring model as triggers and score steps name it: its name and (published) tiers. */
export interface ScoringModelInfo {
  name: string;
  tiers: { name: string; min: number; max: number }[];
}

/** What the workspace knows that a playbook document does not; everything optional. */
export interface SummaryCatalogue {
  /** Keyed "<connector>.<action>". */
  actions?: Readonly<Record<string, ActionInfo>>;
  /** Keyed by model id. */
  models?: Readonly<Record<string, ScoringModelInfo>>;
}

const MAX_SUMMARY = 90;
const clip = (text: string) => (text.length <= MAX_SUMMARY ? text : `${text.slice(0, MAX_SUMMARY - 1)}…`);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const keysOf = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** Outreach actions by what they do for a person reading the canvas; other actions read "connector: action". */
function describeOutreach(step: ActionStep): string | undefined {
  const input = step.input ?? {};
  switch (`${step.connector}.${step.action}`) {
    case 'email.send':
      return `Email: ${textOf(input['subject']) ?? '(no subject yet)'}`;
    case 'hubspot.createTask':
    case 'salesforce.createTask':
      return `CRM task: ${textOf(input['subject']) ?? '(no subject yet)'}`;
    case 'hubspot.updateContactProperties':
    case 'hubspot.updateCompanyProperties':
      return `CRM update: ${keysOf(input['properties']).join(', ') || '(no properties yet)'}`;
    case 'salesforce.updateOpportunity':
      return `CRM update: ${keysOf(input['fields']).join(', ') || '(no fields yet)'}`;
    case 'salesforce.updateRecordField':
      return `CRM update: ${textOf(input['field']) ?? '(no field yet)'}`;
    case 'slack.postMessage':
      return `Slack ${textOf(input['channel']) ?? '(no channel yet)'}: ${textOf(input['text']) ?? ''}`.trimEnd();
    case 'slack.postWebhookMessage':
      return `Slack: ${textOf(input['text']) ?? '(no text yet)'}`;
    case 'webhook.send':
      return `Webhook: ${textOf(input['method']) ?? 'POST'} ${textOf(input['url']) ?? 'to the connection URL'}`;
    default:
      return undefined;
  }
}

export function stepSummary(step: Step, catalogue?: SummaryCatalogue): string {
  try {
    if (step.kind === 'action') return clip(describeOutreach(step) ?? describeStep(step));
    if (step.kind === 'score') {
      if (textOf(step.model) === undefined) return step.adjust === undefined ? 'Score (choose a model)' : 'Adjust score (choose a model)';
      const model = own(catalogue?.models, step.model);
      if (!model) return describeStep(step);
      if (step.adjust === undefined) return clip(`Read score (${model.name})`);
      return clip(`Adjust score by ${step.adjust >= 0 ? '+' : ''}${step.adjust} (${model.name})`);
    }
    return describeStep(step);
  } catch {
    return `${step.kind} (incomplete)`;
  }
}

/** Whether the step does something that cannot be taken back (an email sent): shown on the node. */
export function isIrreversible(step: Step, catalogue?: SummaryCatalogue): boolean {
  return step.kind === 'action' && own(catalogue?.actions, `${step.connector}.${step.action}`)?.irreversible === true;
}

/** "Score ≥ 71 → High tier": the tier a subject lands in when the threshold is crossed, if the model's tiers are known. */
function describeScoreThreshold(trigger: Extract<Trigger, { kind: 'scoreThreshold' }>, catalogue: SummaryCatalogue | undefined): string | undefined {
  const model = own(catalogue?.models, trigger.model);
  if (!model || typeof trigger.threshold !== 'number') return undefined;
  const up = trigger.direction === 'up';
  // Crossing down lands just under the threshold.
  const tier = tierOf(model, up ? trigger.threshold : trigger.threshold - 1e-9);
  const crossing = `Score ${up ? '≥' : '<'} ${trigger.threshold}`;
  return tier ? `${crossing} → ${tier.name} tier (${model.name})` : `${crossing} (${model.name})`;
}

export function triggerSummary(trigger: Trigger, catalogue?: SummaryCatalogue): string {
  if (trigger.kind !== 'event') {
    try {
      if (trigger.kind === 'scoreThreshold') {
        const withTier = describeScoreThreshold(trigger, catalogue);
        if (withTier) return clip(withTier);
      }
      if (trigger.kind === 'scoreThreshold' || trigger.kind === 'tierChange') {
        return clip(describeTrigger({ ...trigger, model: own(catalogue?.models, trigger.model)?.name ?? trigger.model }));
      }
      return describeTrigger(trigger);
    } catch {
      return `${trigger.kind} trigger (incomplete)`;
    }
  }
  const event = typeof trigger.event === 'string' && trigger.event !== '' ? `"${trigger.event}"` : '(no event)';
  if (trigger.where === undefined) return `When ${event}`;
  try {
    return `When ${event} where ${describeFilter(trigger.where)}`;
  } catch {
    return `When ${event} where (incomplete filter)`;
  }
}

/** A step's outputs: named ports, and whether it has the unnamed one. */
export function stepOutputs(step: Step): { ports: string[]; hasDefaultOutput: boolean } {
  let outputs: (string | undefined)[];
  try {
    outputs = outputPorts(step);
  } catch {
    outputs = []; // e.g. a split whose variants are not written yet
  }
  return {
    ports: outputs.filter((port): port is string => typeof port === 'string'),
    hasDefaultOutput: outputs.includes(undefined),
  };
}
