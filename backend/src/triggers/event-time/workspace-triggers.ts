import { planForTriggers, triggerProfile, type AggregatePlan, type TriggerProfile } from '@tripline/scoring';
import type { PublishedPlaybookVersion } from '../match-triggers';

export type SubjectKind = 'person' | 'account';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'account'];

/** A published playbook whose trigger is not a plain event trigger but can fire at an event. */
export interface EventTimePlaybook {
  playbook: PublishedPlaybookVersion;
  subject: SubjectKind;
  profile: TriggerProfile;
}

/** What ingest keeps per subject of one kind for the workspace's triggers. */
export interface SubjectKindNeeds {
  /** Window aggregates every trigger of playbooks enrolling this kind reads (tick kinds included). */
  plan: AggregatePlan;
  /** Event names inactivity triggers name: their latest time is kept per subject. */
  watchedEvents: string[];
  /** Whether subject rows must be loaded and rewritten (else only last_event_at is bumped). */
  full: boolean;
}

export interface WorkspaceTriggers {
  eventTime: EventTimePlaybook[];
  kinds: Record<SubjectKind, SubjectKindNeeds>;
  /** Scoring models the triggers read: `models` any of them, `accountModels` those of account playbooks. */
  scoreReaders: { models: ReadonlySet<string>; accountModels: ReadonlySet<string> };
}

/**
 * Score, tier, window-aggregate and composite triggers are evaluated at events; inactivity, schedule
 * and relative-date triggers fire only on ticks (the scheduler's job) and CRM triggers on CRM changes.
 * A composite mixing them is evaluated at events too: evaluateTrigger() knows which leaves can fire then.
 */
function canFireAtEvents(profile: TriggerProfile): boolean {
  return profile.events === null || profile.events.size > 0 || profile.scoreModels.size > 0;
}

function needsOf(playbooks: readonly PublishedPlaybookVersion[], eventTime: readonly EventTimePlaybook[], kind: SubjectKind): SubjectKindNeeds {
  const mine = playbooks.filter((p) => p.definition.enrollment.subject === kind);
  const plan = planForTriggers(mine.map((p) => p.definition.trigger));
  const watched = new Set<string>();
  for (const p of mine) for (const name of triggerProfile(p.definition.trigger).inactivityEvents) if (name !== null) watched.add(name);
  const readsActivityAtEvents = eventTime.some((e) => e.subject === kind && e.profile.onTick);
  return { plan, watchedEvents: [...watched], full: plan.series.length > 0 || watched.size > 0 || readsActivityAtEvents };
}

const computed = new WeakMap<readonly PublishedPlaybookVersion[], WorkspaceTriggers>();

/** What the workspace's published playbooks need at ingest; computed once per published list (it is cached and frozen). */
export function workspaceTriggers(playbooks: readonly PublishedPlaybookVersion[]): WorkspaceTriggers {
  const cached = computed.get(playbooks);
  if (cached) return cached;
  const eventTime: EventTimePlaybook[] = [];
  const models = new Set<string>();
  const accountModels = new Set<string>();
  for (const playbook of playbooks) {
    if (playbook.definition.trigger.kind === 'event') continue;
    const profile = triggerProfile(playbook.definition.trigger);
    const subject = playbook.definition.enrollment.subject;
    for (const model of profile.scoreModels) (subject === 'account' ? accountModels : models).add(model);
    if (canFireAtEvents(profile)) eventTime.push({ playbook, subject, profile });
  }
  const result: WorkspaceTriggers = {
    eventTime,
    kinds: { person: needsOf(playbooks, eventTime, 'person'), account: needsOf(playbooks, eventTime, 'account') },
    scoreReaders: { models: new Set([...models, ...accountModels]), accountModels },
  };
  computed.set(playbooks, result);
  return result;
}
