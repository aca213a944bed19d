/**
 * Which published playbooks ticks evaluate, and which of their trigger's leaves only a tick can fire.
 * Pure. Composites (all / any) count when any leaf is a tick kind: evaluateTrigger() evaluates the
 * whole tree at a tick, the other leaves reporting whether they hold.
 */
import { triggerLeaves, type InactivityTrigger, type RelativeDateTrigger, type ScheduleTrigger, type Trigger } from '@tripline/playbook';
import { triggerProfile, type TriggerProfile } from '@tripline/scoring';
import type { PublishedPlaybookVersion } from '../triggers/match-triggers';

export type TickLeaf = InactivityTrigger | ScheduleTrigger | RelativeDateTrigger;

export interface TickPlaybook {
  playbook: PublishedPlaybookVersion;
  subject: 'person' | 'account';
  trigger: Trigger;
  profile: TriggerProfile;
  leaves: TickLeaf[];
}

export function tickLeavesOf(trigger: Trigger): TickLeaf[] {
  return triggerLeaves(trigger).filter((leaf): leaf is TickLeaf => leaf.kind === 'inactivity' || leaf.kind === 'schedule' || leaf.kind === 'relativeDate');
}

export function tickPlaybooks(published: readonly PublishedPlaybookVersion[]): TickPlaybook[] {
  const ticking: TickPlaybook[] = [];
  for (const playbook of published) {
    const trigger = playbook.definition.trigger;
    const leaves = tickLeavesOf(trigger);
    if (leaves.length === 0) continue;
    ticking.push({ playbook, subject: playbook.definition.enrollment.subject, trigger, profile: triggerProfile(trigger), leaves });
  }
  return ticking;
}
