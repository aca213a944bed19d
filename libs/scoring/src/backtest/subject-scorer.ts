/**
 * The score of each subject while a backtest replays history, through the same functions live ingest
 * uses (applyEventWithChange's applyWithMove / recordActivityWithChange, scoreAt, tierOf,
 * rollupAccountScore, evaluateComponents), so a backtest scores exactly what ingest would. Per-subject
 * state lives in the subject's record (its slot for this scorer), so an event costs one map lookup
 * whatever runs.
 */
import { activityNeedsOf } from '../components/activity-needs';
import { createAccountActivity, pruneActivity, recordActivity, type AccountActivity } from '../components/account-activity';
import { evaluateComponents } from '../components/evaluate-components';
import type { ComponentScoringModel, EventScoringModel, ScoredEvent, ScoringModel } from '../model/types';
import { rollupAccountScore } from '../rollup/rollup';
import { applyEventQuietly } from '../state/apply-event';
import { scoreAt } from '../state/score-at';
import { createScoreState, type ScoreState } from '../state/score-state';
import { utcDayOf } from '../time/calendar';
import { applyWithMove, lastMove } from '../triggers/score-change';
import type { ScoreSlot } from './subject-book';

export interface SubjectScorer {
  /**
   * Applies the event to the subject's slot. True when it made a change record (what
   * applyEventWithChange / recordActivityWithChange would return), its scores then in `before` and
   * `after`; false when the model ignores the event, it did not score, or nobody reads changes
   * (`withChanges` false: no trigger reads this score).
   */
  apply(slot: ScoreSlot, event: ScoredEvent, traits: Record<string, unknown>): boolean;
  /** The scores of the last change record. */
  readonly before: number;
  readonly after: number;
  /** The subject's score at `at`. */
  scoreAt(slot: ScoreSlot, at: number, traits: Record<string, unknown>): number;
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
  before = 0;
  after = 0;

  constructor(
    private readonly model: EventScoringModel,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model)!;
    this.movesWithTime = model.decay.kind !== 'none';
  }

  apply(slot: ScoreSlot, event: ScoredEvent): boolean {
    if (!this.reads.has(event.event)) return false;
    const state = (slot.score ??= createScoreState()) as ScoreState;
    if (!this.withChanges) {
      applyEventQuietly(this.model, state, event);
      return false;
    }
    if (!applyWithMove(this.model, state, event)) return false;
    this.before = lastMove.before;
    this.after = lastMove.after;
    return true;
  }

  scoreAt(slot: ScoreSlot, at: number): number {
    return scoreAt(this.model, slot.score as ScoreState | undefined, at);
  }
}

/** Accounts under a `max` or `average` rollup: one state per member, the account score rolled up at read time. */
class RolledUpEventScorer implements SubjectScorer {
  private readonly people = new Map<string, ScoreState>();
  private readonly reads: Set<string>;
  readonly movesWithTime: boolean;
  before = 0;
  after = 0;

  constructor(
    private readonly model: EventScoringModel,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model)!;
    this.movesWithTime = model.decay.kind !== 'none';
  }

  apply(slot: ScoreSlot, event: ScoredEvent): boolean {
    const person = event.person?.id;
    if (person === undefined) return false;
    const members = (slot.score ??= new Set<string>()) as Set<string>;
    const joined = !members.has(person);
    if (!this.reads.has(event.event) && !joined) return false;
    const before = this.withChanges ? this.scoreAt(slot, event.timestamp) : 0;
    members.add(person);
    if (this.reads.has(event.event)) {
      let state = this.people.get(person);
      if (state === undefined) this.people.set(person, (state = createScoreState()));
      applyEventQuietly(this.model, state, event);
    }
    if (!this.withChanges) return false;
    this.before = before;
    this.after = this.scoreAt(slot, event.timestamp);
    return true;
  }

  scoreAt(slot: ScoreSlot, at: number): number {
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
  /**
   * The last score read, for the UTC day and the traits object it was read with (null: none). The
   * score is a function of the activity, the traits and the day, and only apply() changes the
   * activity (and forgets this), so the score after one event is the score before the next one of
   * the same day: one evaluation per event instead of two.
   */
  readTraits: Record<string, unknown> | null;
  readDay: number;
  readScore: number;
}

/** Accounts under a component model: per-day activity, scored from windows and traits. */
class ComponentScorer implements SubjectScorer {
  private readonly reads: Set<string> | null;
  readonly movesWithTime = true;
  before = 0;
  after = 0;

  constructor(
    private readonly model: ComponentScoringModel,
    private readonly withChanges: boolean,
  ) {
    this.reads = eventsRead(model);
  }

  private read(entry: ActivitySlot, traits: Record<string, unknown>, at: number): number {
    const day = utcDayOf(at);
    if (entry.readTraits === traits && entry.readDay === day) return entry.readScore;
    const score = evaluateComponents(this.model, entry.activity, traits, at).score;
    entry.readTraits = traits;
    entry.readDay = day;
    entry.readScore = score;
    return score;
  }

  apply(slot: ScoreSlot, event: ScoredEvent, traits: Record<string, unknown>): boolean {
    if (this.reads !== null && !this.reads.has(event.event)) return false;
    const day = utcDayOf(event.timestamp);
    const entry = (slot.score ??= { activity: createAccountActivity(), prunedDay: day, readTraits: null, readDay: 0, readScore: 0 }) as ActivitySlot;
    if (day > entry.prunedDay) {
      pruneActivity(this.model, entry.activity, event.timestamp);
      entry.prunedDay = day;
      entry.readTraits = null;
    }
    if (!this.withChanges) {
      recordActivity(this.model, entry.activity, event);
      entry.readTraits = null;
      return false;
    }
    // recordActivityWithChange(), the numbers only.
    this.before = this.read(entry, traits, event.timestamp);
    recordActivity(this.model, entry.activity, event);
    entry.readTraits = null;
    this.after = this.read(entry, traits, event.timestamp);
    return true;
  }

  scoreAt(slot: ScoreSlot, at: number, traits: Record<string, unknown>): number {
    const entry = slot.score as ActivitySlot | undefined;
    if (entry === undefined) return evaluateComponents(this.model, undefined, traits, at).score;
    return this.read(entry, traits, at);
  }
}

/** `withChanges`: whether score changes are read at all. */
export function subjectScorer(model: ScoringModel, subject: 'person' | 'account', withChanges: boolean): SubjectScorer {
  if (model.kind === 'components') {
    if (subject !== 'account') throw new Error(`model "${model.id}" is a component model: it scores accounts, so backtest it with subject "account"`);
    return new ComponentScorer(model, withChanges);
  }
  if (subject === 'person' || model.rollup === 'sum') return new DirectEventScorer(model, withChanges);
  return new RolledUpEventScorer(model, withChanges);
}
