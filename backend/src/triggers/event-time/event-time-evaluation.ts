/**
 * Score, tier, window-aggregate and composite triggers of one ingest batch, evaluated event by event
 * in time order with evaluateTrigger() — the function backtests replay — over the score changes
 * live scoring reports and the subjects' windowed aggregates (recordEvent()). Pure: the service
 * loads the subjects' stored aggregates and writes back what changed.
 */
import { evaluateTrigger, recordEvent, scoreContextOf, type RecordedEvent, type ScoreChange, type TriggerInput } from '@tripline/scoring';
import { evaluationContextOf, type TriggerMatch } from '../match-triggers';
import type { TimedEvent } from '../scored-event';
import { fitToPlan, type StoredAggregates } from './stored-aggregates';
import { SUBJECT_KINDS, type SubjectKind, type WorkspaceTriggers } from './workspace-triggers';

/** How one event moved its person's and its account's scores (one change per model that scored it). */
export interface EventScoreChanges {
  person: readonly ScoreChange[];
  account: readonly ScoreChange[];
}

/** Current scores of a subject, for score conditions of models the event did not move (live scoring provides it). */
export interface SubjectScores {
  currentScores(
    kind: SubjectKind,
    id: string,
    at: number,
    traits: Record<string, unknown>,
    modelIds: Iterable<string>,
  ): Readonly<Record<string, { score: number; tier: string | null }>>;
}

/** One subject's stored trigger state. */
export interface SubjectRecord {
  aggregates: StoredAggregates;
  /** Epoch ms; null for a subject never seen. */
  lastEventAt: number | null;
  lastEventAtByName: Record<string, number>;
}

export const subjectKey = (kind: SubjectKind, id: string): string => `${kind}:${id}`;

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

export class EventTimeEvaluation {
  readonly matches: TriggerMatch[] = [];
  /** Subjects of kinds kept in full, by subjectKey. */
  readonly records = new Map<string, SubjectRecord>();
  /** Every subject's newest event of the batch, by subjectKey (for kinds kept in full and not). */
  readonly newest = new Map<string, number>();

  constructor(
    private readonly triggers: WorkspaceTriggers,
    stored: ReadonlyMap<string, SubjectRecord>,
  ) {
    for (const [key, record] of stored) {
      const kind = key.slice(0, key.indexOf(':')) as SubjectKind;
      this.records.set(key, { ...record, aggregates: fitToPlan(record.aggregates, triggers.kinds[kind].plan) });
    }
  }

  private recordOf(kind: SubjectKind, id: string): SubjectRecord {
    const key = subjectKey(kind, id);
    let record = this.records.get(key);
    if (record === undefined) {
      record = { aggregates: fitToPlan(undefined, this.triggers.kinds[kind].plan), lastEventAt: null, lastEventAtByName: {} };
      this.records.set(key, record);
    }
    return record;
  }

  /** Call for every stored track event in time order, with the score changes live scoring made for it. */
  onEvent({ tracked, scored }: TimedEvent, changes: EventScoreChanges, scores: SubjectScores): void {
    const subjects: { kind: SubjectKind; id: string; traits: Record<string, unknown>; recorded: RecordedEvent | null; record?: SubjectRecord }[] = [];
    for (const kind of SUBJECT_KINDS) {
      const subject = kind === 'person' ? tracked.person : tracked.account;
      if (!subject) continue;
      const needs = this.triggers.kinds[kind];
      const record = needs.full ? this.recordOf(kind, subject.id) : undefined;
      const recorded = record && needs.plan.series.length > 0 ? recordEvent(record.aggregates, needs.plan, scored) : null;
      subjects.push({ kind, id: subject.id, traits: subject.traits, recorded, ...(record ? { record } : {}) });
    }

    for (const { playbook, subject: kind, profile } of this.triggers.eventTime) {
      const subject = subjects.find((s) => s.kind === kind);
      if (!subject) continue; // an account playbook and a person without an account
      const subjectChanges = kind === 'person' ? changes.person : changes.account;
      const named = profile.events === null || profile.events.has(scored.event);
      const moved = subjectChanges.some((c) => profile.scoreModels.has(c.model) && (c.before !== c.after || c.tierBefore !== c.tierAfter));
      if (!named && !moved) continue; // nothing this event did can fire it

      const input: TriggerInput = { now: scored.timestamp, event: scored, recorded: subject.recorded, traits: subject.traits };
      if (subject.record) {
        input.aggregates = subject.record.aggregates;
        // Activity before this event: "inactive for N days, then this" reads the gap.
        if (subject.record.lastEventAt !== null) input.lastActivityAt = subject.record.lastEventAt;
        input.lastEventAt = subject.record.lastEventAtByName;
      }
      if (profile.scoreModels.size > 0) {
        input.scoreChanges = subjectChanges;
        const unmoved = [...profile.scoreModels].filter((model) => !subjectChanges.some((c) => c.model === model));
        if (unmoved.length > 0) input.scores = scores.currentScores(kind, subject.id, scored.timestamp, subject.traits, unmoved);
      }
      if (!evaluateTrigger(playbook.definition.trigger, input).fired) continue;
      const context = evaluationContextOf(tracked);
      // A score or tier trigger tells the run which score moved (conditions read `score.tier`).
      const score = scoreContextOf(playbook.definition.trigger, input.scoreChanges);
      this.matches.push({ playbook, subject: { kind, id: subject.id }, context: score ? { ...context, score } : context, event: tracked });
    }

    for (const { kind, id, record } of subjects) {
      const key = subjectKey(kind, id);
      this.newest.set(key, Math.max(this.newest.get(key) ?? -Infinity, scored.timestamp));
      if (!record) continue;
      if (record.lastEventAt === null || scored.timestamp > record.lastEventAt) record.lastEventAt = scored.timestamp;
      if (!this.triggers.kinds[kind].watchedEvents.includes(scored.event) || scored.event === '__proto__') continue;
      const byName = record.lastEventAtByName;
      if (!hasOwn(byName, scored.event) || scored.timestamp > byName[scored.event]!) byName[scored.event] = scored.timestamp;
    }
  }
}
