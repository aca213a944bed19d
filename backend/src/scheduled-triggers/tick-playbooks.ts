/**
 * Which published playbooks ticks evaluate, and which of their trigger's leaves only a tick can fire.
 * Pure. Composites (all / any) count when any leaf is a tick kind: evaluateTrigger() evaluates the
 * whole tree at a tick, the other leaves reporting whether they hold. Score leaves count too when
 * time alone can move the score across them (decay, component windows): no event arrives when a
 * decaying score slips under a threshold, so only a tick can see it.
 */
import { triggerLeaves, type InactivityTrigger, type RelativeDateTrigger, type ScheduleTrigger, type Trigger } from '@tripline/playbook';
import { triggerProfile, type ScoringModel, type TriggerProfile } from '@tripline/scoring';
import type { PublishedScoringModel } from '../scoring/published-scoring-models.service';
import type { PublishedPlaybookVersion } from '../triggers/match-triggers';

export type TickLeaf = InactivityTrigger | ScheduleTrigger | RelativeDateTrigger;

export interface TickPlaybook {
  playbook: PublishedPlaybookVersion;
  subject: 'person' | 'account';
  trigger: Trigger;
  profile: TriggerProfile;
  leaves: TickLeaf[];
  /** Published models whose score time alone can carry across one of the trigger's score leaves. */
  decayModels: PublishedScoringModel[];
}

export function tickLeavesOf(trigger: Trigger): TickLeaf[] {
  return triggerLeaves(trigger).filter((leaf): leaf is TickLeaf => leaf.kind === 'inactivity' || leaf.kind === 'schedule' || leaf.kind === 'relativeDate');
}

/**
 * Whether time alone can move a score across the leaf: decay only lowers a score built from positive
 * points (down crossings, tier changes), and raises one only when negative points decay; component
 * scores move both ways as their windows slide.
 */
function timeCanCross(model: ScoringModel, leaf: Trigger): boolean {
  if (leaf.kind !== 'scoreThreshold' && leaf.kind !== 'tierChange') return false;
  if (leaf.model !== model.id) return false;
  if (model.kind === 'components') return true;
  if (model.decay.kind === 'none') return false;
  if (leaf.kind === 'tierChange' || leaf.direction === 'down') return true;
  return model.rules.some((rule) => rule.points * rule.weight < 0);
}

export function decayModelsOf(trigger: Trigger, models: readonly PublishedScoringModel[]): PublishedScoringModel[] {
  const leaves = triggerLeaves(trigger);
  return models.filter((model) => leaves.some((leaf) => timeCanCross(model.definition, leaf)));
}

export function tickPlaybooks(published: readonly PublishedPlaybookVersion[], models: readonly PublishedScoringModel[] = []): TickPlaybook[] {
  const ticking: TickPlaybook[] = [];
  for (const playbook of published) {
    const trigger = playbook.definition.trigger;
    const leaves = tickLeavesOf(trigger);
    const decayModels = decayModelsOf(trigger, models);
    if (leaves.length === 0 && decayModels.length === 0) continue;
    ticking.push({ playbook, subject: playbook.definition.enrollment.subject, trigger, profile: triggerProfile(trigger), leaves, decayModels });
  }
  return ticking;
}
