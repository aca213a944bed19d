/**
 * The enrollment key of a trigger match, and whether the match enrolls at all (`enrollment.reenroll`):
 * - 'never'          key `<playbookId>:<subjectKind>:<subjectId>`: one run per subject, ever;
 * - 'always'         key `<playbookId>:<subjectKind>:<subjectId>:<messageId>`: one run per event;
 * - { afterDays: n } same key as 'always', but skipped while the subject has an enrollment in this
 *                    playbook whose event is less than n days from this event (event time, either side).
 * The key is unique per workspace, so the same event matched twice (a retry) enrolls once.
 * Existence checks use (playbook, subject), not the key: after two persons merge, their enrollments
 * belong to the survivor and still count.
 */
import type { TrackedEvent, TriggerMatch } from './match-triggers';

/** What the rules read of a match: its playbook, subject and context, and the event's id and time
 * (a tick-time firing supplies its occurrence in place of an event). */
export type EnrollableMatch = Pick<TriggerMatch, 'playbook' | 'subject' | 'context'> & {
  event: Pick<TrackedEvent, 'messageId' | 'timestamp'>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PastEnrollment {
  playbookId: string;
  subjectKind: string;
  subjectId: string;
  eventTimestamp: Date;
}

export interface EnrollmentDecision<M extends EnrollableMatch = EnrollableMatch> {
  match: M;
  enrollmentKey: string;
}

export function enrollmentKeyOf(match: EnrollableMatch): string {
  const { playbook, subject, event } = match;
  const base = `${playbook.playbookId}:${subject.kind}:${subject.id}`;
  return playbook.definition.enrollment.reenroll === 'never' ? base : `${base}:${event.messageId}`;
}

/** Decides the batch's matches in order; each accepted one counts as past for the next. */
export function decideEnrollments<M extends EnrollableMatch>(matches: readonly M[], past: readonly PastEnrollment[]): EnrollmentDecision<M>[] {
  const history = new Map<string, Date[]>();
  const remember = (playbookId: string, kind: string, id: string, at: Date) => {
    const key = `${playbookId}\u0000${kind}\u0000${id}`;
    const list = history.get(key) ?? [];
    list.push(at);
    history.set(key, list);
  };
  for (const p of past) remember(p.playbookId, p.subjectKind, p.subjectId, p.eventTimestamp);

  const decisions: EnrollmentDecision<M>[] = [];
  const keys = new Set<string>();
  for (const match of matches) {
    const { playbook, subject, event } = match;
    const previous = history.get(`${playbook.playbookId}\u0000${subject.kind}\u0000${subject.id}`) ?? [];
    const reenroll = playbook.definition.enrollment.reenroll;
    if (reenroll === 'never' && previous.length > 0) continue;
    if (typeof reenroll === 'object') {
      const window = reenroll.afterDays * DAY_MS;
      if (previous.some((at) => Math.abs(event.timestamp.getTime() - at.getTime()) < window)) continue;
    }
    const enrollmentKey = enrollmentKeyOf(match);
    if (keys.has(enrollmentKey)) continue;
    keys.add(enrollmentKey);
    decisions.push({ match, enrollmentKey });
    remember(playbook.playbookId, subject.kind, subject.id, event.timestamp);
  }
  return decisions;
}
