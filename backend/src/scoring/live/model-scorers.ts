/**
 * How one published model scores a batch's events in memory, over the states the store loaded: the
 * same library calls a backtest makes (applyEventWithChange; recordActivity + evaluateComponents, as
 * recordActivityWithChange does; scoreAt, rollupAccountScore), so live scores and backtests agree.
 */
import {
  activityNeedsOf,
  applyEventWithChange,
  createAccountActivity,
  evaluateComponents,
  pruneActivity,
  recordActivity,
  rollupAccountScore,
  scoreAt,
  scoreChangeOf,
  tierOf,
  type AccountActivity,
  type ComponentScoringModel,
  type EventScoringModel,
  type ScoreChange,
  type ScoredEvent,
  type ScoreState,
  utcDayOf,
} from '@tripline/scoring';
import type { SubjectKind } from '../score-state.entity';

/** A state as stored: a ScoreState (event models) or an AccountActivity (component models). */
export type LiveState = ScoreState | AccountActivity;

export interface SubjectState {
  state: LiveState;
  /** Epoch ms of the newest event the state holds. */
  lastEventAt: number;
  /** The stored score (at lastEventAt) of a state loaded from the database. */
  score?: number;
}

/** A state this batch changed, to write back. */
export interface ChangedState {
  subjectKind: SubjectKind;
  subjectId: string;
  state: LiveState;
  /** The score at lastEventAt, full precision. */
  score: number;
  tier: string | null;
  lastEventAt: number;
}

/** A score one event changed, for score_history. */
export interface ScoreMove {
  subjectKind: SubjectKind;
  subjectId: string;
  score: number;
  tier: string | null;
  at: number;
  messageId: string;
}

export interface SubjectChanges {
  person: ScoreChange | null;
  account: ScoreChange | null;
}

/** The subjects whose states a batch must load, by kind. */
export interface SubjectsToLoad {
  person: Set<string>;
  account: Set<string>;
}

const key = (kind: SubjectKind, id: string): string => `${kind}:${id}`;

/** The states of one model for one batch. */
abstract class ModelScorer {
  protected readonly states = new Map<string, SubjectState>();
  private readonly changed = new Set<string>();
  readonly moves: ScoreMove[] = [];

  abstract readonly model: EventScoringModel | ComponentScoringModel;
  abstract subjectsToLoad(events: readonly ScoredEvent[], membersOf: ReadonlyMap<string, readonly string[]>): SubjectsToLoad;
  abstract apply(event: ScoredEvent): SubjectChanges;
  abstract scoreOf(kind: SubjectKind, id: string, at: number, traits: Record<string, unknown>): number | undefined;
  protected abstract scoreAtNewest(kind: SubjectKind, id: string, entry: SubjectState, traits: Record<string, unknown>): number;

  load(kind: SubjectKind, id: string, entry: SubjectState): void {
    this.states.set(key(kind, id), entry);
  }

  protected get(kind: SubjectKind, id: string): SubjectState | undefined {
    return this.states.get(key(kind, id));
  }

  protected put(kind: SubjectKind, id: string, entry: SubjectState): void {
    const k = key(kind, id);
    this.states.set(k, entry);
    this.changed.add(k);
  }

  /** Records a move in score history when the event changed the score. */
  protected note(kind: SubjectKind, id: string, change: ScoreChange | null, event: ScoredEvent): void {
    if (change === null || change.after === change.before) return;
    this.moves.push({ subjectKind: kind, subjectId: id, score: change.after, tier: change.tierAfter, at: event.timestamp, messageId: event.messageId });
  }

  /** The states this batch changed, scored at their newest event. `traitsOf` gives account traits (component models). */
  changedStates(traitsOf: (kind: SubjectKind, id: string) => Record<string, unknown>): ChangedState[] {
    const out: ChangedState[] = [];
    for (const k of this.changed) {
      const separator = k.indexOf(':');
      const subjectKind = k.slice(0, separator) as SubjectKind;
      const subjectId = k.slice(separator + 1);
      const entry = this.states.get(k)!;
      const score = this.scoreAtNewest(subjectKind, subjectId, entry, traitsOf(subjectKind, subjectId));
      out.push({ subjectKind, subjectId, state: entry.state, score, tier: tierOf(this.model, score)?.name ?? null, lastEventAt: entry.lastEventAt });
    }
    return out;
  }
}

/**
 * Event rules: one ScoreState per person; accounts under a `sum` rollup get one state fed every
 * member's events (equal to the sum of member scores, caps being per person). Under `max` / `average`
 * an account has no state of its own: its score is rolled up from its members' when read, and when
 * `accountChanges` is on (an account playbook reads this model) from the members loaded for the batch.
 */
export class EventModelScorer extends ModelScorer {
  private readonly members = new Map<string, Set<string>>();

  constructor(
    readonly model: EventScoringModel,
    private readonly accountChanges: boolean,
  ) {
    super();
  }

  private get rolledUp(): boolean {
    return this.model.rollup !== 'sum';
  }

  subjectsToLoad(events: readonly ScoredEvent[], membersOf: ReadonlyMap<string, readonly string[]>): SubjectsToLoad {
    const load: SubjectsToLoad = { person: new Set(), account: new Set() };
    for (const event of events) {
      if (event.person) load.person.add(event.person.id);
      if (event.account && !this.rolledUp) load.account.add(event.account.id);
    }
    if (this.rolledUp && this.accountChanges) {
      for (const event of events) {
        if (!event.account || this.members.has(event.account.id)) continue;
        const members = new Set(membersOf.get(event.account.id) ?? []);
        this.members.set(event.account.id, members);
        for (const person of members) load.person.add(person);
      }
    }
    return load;
  }

  private applyTo(kind: SubjectKind, id: string, event: ScoredEvent): ScoreChange | null {
    const entry = this.get(kind, id);
    const { result, change } = applyEventWithChange(this.model, entry?.state as ScoreState | undefined, event);
    if (result.outcome === 'no_matching_rule') return null;
    // Capped and late events can still move `newest` or a cap bucket, so the state is written back.
    this.put(kind, id, { state: result.state, lastEventAt: result.state.newest ?? event.timestamp });
    this.note(kind, id, change, event);
    return change;
  }

  apply(event: ScoredEvent): SubjectChanges {
    const account = event.account?.id;
    const rollUp = this.rolledUp && this.accountChanges && account !== undefined;
    const before = rollUp ? this.rolledUpScore(account, event.timestamp) : 0;
    const person = event.person ? this.applyTo('person', event.person.id, event) : null;
    if (account === undefined) return { person, account: null };
    if (!this.rolledUp) return { person, account: this.applyTo('account', account, event) };
    if (!rollUp || event.person === undefined) return { person, account: null };
    this.members.get(account)?.add(event.person.id);
    return { person, account: person === null ? null : scoreChangeOf(this.model, before, this.rolledUpScore(account, event.timestamp)) };
  }

  private rolledUpScore(account: string, at: number): number {
    const scores: number[] = [];
    for (const person of this.members.get(account) ?? []) scores.push(scoreAt(this.model, this.get('person', person)?.state as ScoreState | undefined, at));
    return rollupAccountScore(this.model, scores);
  }

  scoreOf(kind: SubjectKind, id: string, at: number): number | undefined {
    if (kind === 'account' && this.rolledUp) return this.members.has(id) ? this.rolledUpScore(id, at) : undefined;
    return scoreAt(this.model, this.get(kind, id)?.state as ScoreState | undefined, at);
  }

  protected scoreAtNewest(_kind: SubjectKind, _id: string, entry: SubjectState): number {
    return scoreAt(this.model, entry.state as ScoreState, entry.lastEventAt);
  }
}

/** Event names a component model reads, or null when any event can matter (a metric of any event). */
function eventsRead(model: ComponentScoringModel): Set<string> | null {
  const events = new Set<string>();
  for (const need of activityNeedsOf(model)) {
    if (need.event === undefined) return null;
    events.add(need.event);
  }
  return events;
}

/**
 * Component models score accounts from per-day activity and the account's traits. A component score
 * depends only on the activity, the traits and the UTC day, so:
 * - when a playbook reads the model (`perEventChanges`), each event's change is computed with one
 *   evaluation (the score before it is the score after the account's previous event of the batch
 *   when that fell on the same day), as recordActivityWithChange() would report it;
 * - otherwise the batch records activity only and evaluates each account once, at its newest event,
 *   writing one history row when the score differs from the stored one.
 */
export class ComponentModelScorer extends ModelScorer {
  private readonly reads: Set<string> | null;
  private readonly afterLast = new Map<string, { day: number; score: number }>();
  private readonly newestEvent = new Map<string, ScoredEvent>();

  constructor(
    readonly model: ComponentScoringModel,
    private readonly perEventChanges: boolean,
  ) {
    super();
    this.reads = eventsRead(model);
  }

  subjectsToLoad(events: readonly ScoredEvent[]): SubjectsToLoad {
    const load: SubjectsToLoad = { person: new Set(), account: new Set() };
    for (const event of events) if (event.account) load.account.add(event.account.id);
    return load;
  }

  apply(event: ScoredEvent): SubjectChanges {
    const account = event.account;
    if (account === undefined || (this.reads !== null && !this.reads.has(event.event))) return { person: null, account: null };
    const entry = this.get('account', account.id);
    const activity = (entry?.state as AccountActivity | undefined) ?? createAccountActivity();
    const updated: SubjectState = { state: activity, lastEventAt: Math.max(entry?.lastEventAt ?? -Infinity, event.timestamp) };
    if (entry?.score !== undefined) updated.score = entry.score;
    this.put('account', account.id, updated);
    if (!this.perEventChanges) {
      recordActivity(this.model, activity, event);
      const newest = this.newestEvent.get(account.id);
      if (!newest || event.timestamp >= newest.timestamp) this.newestEvent.set(account.id, event);
      return { person: null, account: null };
    }
    const day = utcDayOf(event.timestamp);
    const last = this.afterLast.get(account.id);
    const before = last !== undefined && last.day === day ? last.score : evaluateComponents(this.model, activity, account.traits, event.timestamp).score;
    recordActivity(this.model, activity, event);
    const after = evaluateComponents(this.model, activity, account.traits, event.timestamp).score;
    this.afterLast.set(account.id, { day, score: after });
    const change = scoreChangeOf(this.model, before, after);
    this.note('account', account.id, change, event);
    return { person: null, account: change };
  }

  scoreOf(kind: SubjectKind, id: string, at: number, traits: Record<string, unknown>): number | undefined {
    if (kind !== 'account') return undefined;
    return evaluateComponents(this.model, this.get('account', id)?.state as AccountActivity | undefined, traits, at).score;
  }

  protected scoreAtNewest(_kind: SubjectKind, id: string, entry: SubjectState, traits: Record<string, unknown>): number {
    // Days the model can no longer read are dropped before the state is written back.
    pruneActivity(this.model, entry.state as AccountActivity, entry.lastEventAt);
    const score = evaluateComponents(this.model, entry.state as AccountActivity, traits, entry.lastEventAt).score;
    const newest = this.newestEvent.get(id);
    if (newest !== undefined) {
      const before = entry.score ?? evaluateComponents(this.model, undefined, traits, newest.timestamp).score;
      this.note('account', id, scoreChangeOf(this.model, before, score), newest);
    }
    return score;
  }
}
