/**
 * The score of each subject while a backtest replays history, through the same functions live ingest
 * uses (applyEventWithChange / recordActivityWithChange, scoreAt, tierOf, rollupAccountScore,
 * evaluateComponents), so a backtest scores exactly what ingest would. Per-subject state lives in the
 * subject's record (its slot for this replay), so an event costs one map lookup whatever runs.
 */
import { activityNeedsOf } from '../components/activity-needs';
import { createAccountActivity, pruneActivity, recordActivity, type AccountActivity } from '../components/account-activity';
import { evaluateComponents } from '../components/evaluate-components';
import type { ComponentScoringModel, EventScoringModel, ScoredEvent, ScoringModel } from '../model/types';
import { rollupAccountScore } from '../rollup/rollup';
import { applyEventInPlace } from '../state/apply-event';
import { scoreAt } from '../state/score-at';
import type { ScoreState } from '../state/score-state';
import { utcDayOf } from '../time/calendar';
import { applyEventWithChange, recordActivityWithChange, scoreChangeOf } from '../triggers/score-change';
import type { ScoreChange } from '../triggers/types';
import type { ReplaySlot } from './subject-book';

export interface SubjectScorer {
  /**
   * Applies the event to the subject's slot; the change it made, or null when the model ignores the
   * event or nobody reads changes (`withChanges` false: a trigger without score leaves).
   */
  apply(slot: ReplaySlot, event: ScoredEvent, traits: Record<string, unknown>): ScoreChange | null;
  /** The subject's score at `at`. */
  scoreAt(slot: ReplaySlot, at: number, traits: Record<string, unknown>): number;
  /** Whether scores move with time alone (decay, windows), so ticks must look for crossings. */
  readonly movesWithTime: boolean;
}

/** Event names a model reads, or null when any event can matter. */
function eventsRead(model: ScoringModel): Set<string> | null {
  if (model.kind === 'events') return new Set(model.rules.map((rule) => rule.event));
  const events = new Set<string>();
  for (const need of activityNeedsOf(model)) {
    if (need.event === undefined) return null;
    events.add(need.event);
  }
  return events;
}

/** One state per subject, fed the subject's events (persons; or accounts under a `sum` rollup, which equals the sum of members). */
class DirectEventScorer implements SubjectScorer {
  private readonly reads: Set<string>;
  readonly movesWithTime: boolean;

  constructor(
    private readonly model: EventScoringModel,
    private readonly withTiers: boolean,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model)!;
    this.movesWithTime = model.decay.kind !== 'none';
  }

  apply(slot: ReplaySlot, event: ScoredEvent): ScoreChange | null {
    if (!this.reads.has(event.event)) return null;
    const state = slot.score as ScoreState | undefined;
    if (!this.withChanges) {
      slot.score = applyEventInPlace(this.model, state, event).state;
      return null;
    }
    const { result, change } = applyEventWithChange(this.model, state, event, this.withTiers);
    slot.score = result.state;
    return change;
  }

  scoreAt(slot: ReplaySlot, at: number): number {
    return scoreAt(this.model, slot.score as ScoreState | undefined, at);
  }
}

/** Accounts under a `max` or `average` rollup: one state per member, the account score rolled up at read time. */
class RolledUpEventScorer implements SubjectScorer {
  private readonly people = new Map<string, ScoreState>();
  private readonly reads: Set<string>;
  readonly movesWithTime: boolean;

  constructor(
    private readonly model: EventScoringModel,
    private readonly withTiers: boolean,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model)!;
    this.movesWithTime = model.decay.kind !== 'none';
  }

  apply(slot: ReplaySlot, event: ScoredEvent): ScoreChange | null {
    const person = event.person?.id;
    if (person === undefined) return null;
    const members = (slot.score ??= new Set<string>()) as Set<string>;
    const joined = !members.has(person);
    if (!this.reads.has(event.event) && !joined) return null;
    const before = this.withChanges ? this.scoreAt(slot, event.timestamp) : 0;
    members.add(person);
    if (this.reads.has(event.event)) {
      const state = this.people.get(person);
      const result = applyEventInPlace(this.model, state, event);
      if (state === undefined) this.people.set(person, result.state);
    }
    if (!this.withChanges) return null;
    return scoreChangeOf(this.model, before, this.scoreAt(slot, event.timestamp), this.withTiers);
  }

  scoreAt(slot: ReplaySlot, at: number): number {
    const members = slot.score as Set<string> | undefined;
    if (members === undefined) return 0;
    const scores: number[] = [];
    for (const person of members) scores.push(scoreAt(this.model, this.people.get(person), at));
    return rollupAccountScore(this.model, scores);
  }
}

interface ActivitySlot {
  activity: AccountActivity;
  prunedDay: number;
}

/** Accounts under a component model: per-day activity, scored from windows and traits. */
class ComponentScorer implements SubjectScorer {
  private readonly reads: Set<string> | null;
  readonly movesWithTime = true;

  constructor(
    private readonly model: ComponentScoringModel,
    private readonly withTiers: boolean,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model);
  }

  apply(slot: ReplaySlot, event: ScoredEvent, traits: Record<string, unknown>): ScoreChange | null {
    if (this.reads !== null && !this.reads.has(event.event)) return null;
    const day = utcDayOf(event.timestamp);
    const entry = (slot.score ??= { activity: createAccountActivity(), prunedDay: day }) as ActivitySlot;
    if (day > entry.prunedDay) {
      pruneActivity(this.model, entry.activity, event.timestamp);
      entry.prunedDay = day;
    }
    if (!this.withChanges) {
      recordActivity(this.model, entry.activity, event);
      return null;
    }
    return recordActivityWithChange(this.model, entry.activity, traits, event, this.withTiers);
  }

  scoreAt(slot: ReplaySlot, at: number, traits: Record<string, unknown>): number {
    return evaluateComponents(this.model, (slot.score as ActivitySlot | undefined)?.activity, traits, at).score;
  }
}

/** `withChanges`: whether score changes are read at all; `withTiers`: whether they name tiers. */
export function subjectScorer(model: ScoringModel, subject: 'person' | 'account', withChanges: boolean, withTiers: boolean): SubjectScorer {
  if (model.kind === 'components') {
    if (subject !== 'account') throw new Error(`model "${model.id}" is a component model: it scores accounts, so backtest it with subject "account"`);
    return new ComponentScorer(model, withTiers, withChanges);
  }
  if (subject === 'person' || model.rollup === 'sum') return new DirectEventScorer(model, withTiers, withChanges);
  return new RolledUpEventScorer(model, withTiers, withChanges);
}
