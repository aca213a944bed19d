/**
 * Which published playbooks a CRM change enrolls, and whom. Pure: the store resolves the person and
 * account, this decides with the same `evaluateTrigger` as every other trigger kind (composites of
 * crmChange leaves included). The change id is the occurrence: the same change never enrolls twice.
 */
import type { CrmChangeTriggerItem } from '@tripline/connector-sdk';
import type { EvaluationContext, RunSubject } from '@tripline/playbook';
import { evaluateTrigger, triggerProfile } from '@tripline/scoring';
import type { EventlessFiring } from '../triggers/enroll-firings';
import type { PublishedPlaybookVersion } from '../triggers/match-triggers';

export interface LinkedPerson {
  id: string;
  userId: string | null;
  traits: Record<string, unknown>;
}

export interface LinkedAccount {
  id: string;
  groupId: string;
  traits: Record<string, unknown>;
}

/** A change with the Tripline person and account it is about (either may be unknown). */
export interface LinkedCrmChange {
  item: CrmChangeTriggerItem;
  person?: LinkedPerson;
  account?: LinkedAccount;
}

/** What a run started by a CRM change sees: the record as the event's properties, like a trigger's `where`. */
export function crmEvaluationContext(linked: LinkedCrmChange): EvaluationContext {
  const { item, person, account } = linked;
  return {
    event: { name: `${item.change.object} changed`, messageId: item.id, timestamp: new Date(item.at).toISOString(), properties: item.change.record },
    ...(person ? { person: { id: person.id, userId: person.userId, traits: person.traits } } : {}),
    ...(account ? { account: { id: account.id, groupId: account.groupId, traits: account.traits } } : {}),
  };
}

export function crmChangeFirings(linked: LinkedCrmChange, playbooks: readonly PublishedPlaybookVersion[]): EventlessFiring[] {
  const { item, person, account } = linked;
  const at = new Date(item.at);
  const firings: EventlessFiring[] = [];
  for (const playbook of playbooks) {
    const trigger = playbook.definition.trigger;
    if (!triggerProfile(trigger).onCrm) continue;
    const subjectKind = playbook.definition.enrollment.subject;
    const subject = subjectKind === 'person' ? person : account;
    // A person playbook needs the change's person, an account playbook its account.
    if (!subject) continue;
    const fired = evaluateTrigger(
      trigger,
      {
        now: at.getTime(),
        crmChange: { object: item.change.object, recordId: item.change.recordId, changes: item.change.changes, record: item.change.record },
        traits: subject.traits,
        ...(person ? { person: { id: person.id, traits: person.traits } } : {}),
        ...(account ? { account: { id: account.id, traits: account.traits } } : {}),
      },
      { explain: false, firedOnly: true },
    ).fired;
    if (!fired) continue;
    const runSubject: RunSubject = { kind: subjectKind, id: subject.id };
    firings.push({ playbook, subject: runSubject, context: crmEvaluationContext(linked), occurrence: { id: item.id, at } });
  }
  return firings;
}
