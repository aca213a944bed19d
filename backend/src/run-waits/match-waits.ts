/**
 * Which open waits a batch's track events satisfy. Pure: the ingest hook loads the waits and writes
 * the signals, this decides.
 */
import { evaluateFilter, type EvaluationContext } from '@tripline/playbook';
import { evaluationContextOf, type TrackedEvent } from '../triggers/match-triggers';
import type { RunWaitEntity } from './run-wait.entity';

export interface WaitMatch {
  wait: RunWaitEntity;
  event: TrackedEvent;
}

/**
 * An event satisfies a wait when it has the awaited name; it is the wait's subject's (a person wait:
 * that person; an account wait: a person whose account — as known after the batch — it is, the same
 * subject rule as triggers); it happened at or after the step started (`openedAt`: an event from
 * before the wait never counts); it is ingested before the wait expires; and `where` holds over
 * {event, person, account}. Each wait takes its earliest satisfying event of the batch.
 */
export function matchWaits(waits: readonly RunWaitEntity[], events: readonly TrackedEvent[], now: Date): WaitMatch[] {
  const matches: WaitMatch[] = [];
  const contexts = new Map<TrackedEvent, EvaluationContext>();
  const contextOf = (event: TrackedEvent) => {
    let context = contexts.get(event);
    if (!context) contexts.set(event, (context = evaluationContextOf(event)));
    return context;
  };
  for (const wait of waits) {
    if (wait.status !== 'open' || now.getTime() >= wait.expiresAt.getTime()) continue;
    let best: TrackedEvent | undefined;
    for (const event of events) {
      if (event.event !== wait.eventName || !isSubjectOf(wait, event)) continue;
      if (event.timestamp.getTime() < wait.openedAt.getTime()) continue;
      if (best && event.timestamp.getTime() >= best.timestamp.getTime()) continue;
      if (wait.eventWhere && !filterHolds(wait, contextOf(event))) continue;
      best = event;
    }
    if (best) matches.push({ wait, event: best });
  }
  return matches;
}

function isSubjectOf(wait: RunWaitEntity, event: TrackedEvent): boolean {
  return wait.subjectKind === 'person' ? event.person.id === wait.subjectId : event.account?.id === wait.subjectId;
}

/** A filter that cannot be evaluated matches nothing: a wait must never fail the ingest of an event. */
function filterHolds(wait: RunWaitEntity, context: EvaluationContext): boolean {
  try {
    return evaluateFilter(wait.eventWhere!, context);
  } catch {
    return false;
  }
}
