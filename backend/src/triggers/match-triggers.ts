/**
 * Which published playbooks a batch's track events enroll, and whom. Pure: the service loads the
 * playbooks and persons, this decides.
 */
import { evaluateFilter, type EvaluationContext, type EventTrigger, type Playbook, type RunSubject } from '@tripline/playbook';

export interface PublishedPlaybookVersion {
  playbookId: string;
  version: number;
  definition: Playbook;
}

/** A stored track event with its person (and their account) as known after the batch's identity calls. */
export interface TrackedEvent {
  messageId: string;
  event: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  person: { id: string; userId: string | null; traits: Record<string, unknown> };
  account?: { id: string; groupId: string; traits: Record<string, unknown> };
}

export interface TriggerMatch {
  playbook: PublishedPlaybookVersion;
  subject: RunSubject;
  context: EvaluationContext;
  event: TrackedEvent;
}

export function evaluationContextOf(event: TrackedEvent): EvaluationContext {
  return {
    event: { name: event.event, messageId: event.messageId, timestamp: event.timestamp.toISOString(), properties: event.properties },
    person: { id: event.person.id, userId: event.person.userId, traits: event.person.traits },
    ...(event.account ? { account: { id: event.account.id, groupId: event.account.groupId, traits: event.account.traits } } : {}),
  };
}

/** Every (event, playbook) pair whose event trigger names the event and whose `where` filter holds (other trigger kinds: event-time/). */
export function matchTriggers(events: readonly TrackedEvent[], playbooks: readonly PublishedPlaybookVersion[]): TriggerMatch[] {
  const byEventName = new Map<string, { playbook: PublishedPlaybookVersion; trigger: EventTrigger }[]>();
  for (const playbook of playbooks) {
    const trigger = playbook.definition.trigger;
    if (trigger.kind !== 'event') continue;
    const list = byEventName.get(trigger.event) ?? [];
    list.push({ playbook, trigger });
    byEventName.set(trigger.event, list);
  }
  const matches: TriggerMatch[] = [];
  for (const event of events) {
    const candidates = byEventName.get(event.event);
    if (!candidates) continue;
    const context = evaluationContextOf(event);
    for (const { playbook, trigger } of candidates) {
      if (trigger.where !== undefined && !evaluateFilter(trigger.where, context)) continue;
      const subject = subjectOf(playbook.definition, event);
      // An account playbook cannot enroll a person who belongs to no account.
      if (subject) matches.push({ playbook, subject, context, event });
    }
  }
  return matches;
}

function subjectOf(playbook: Playbook, event: TrackedEvent): RunSubject | undefined {
  if (playbook.enrollment.subject === 'person') return { kind: 'person', id: event.person.id };
  return event.account ? { kind: 'account', id: event.account.id } : undefined;
}
