import { triggerLeaves, type Trigger } from '@tripline/playbook';
import { indexPeopleByDay } from '../aggregates/person-days';
import { createAggregates, recordEvent } from '../aggregates/record-event';
import type { AggregatePlan, SubjectAggregates } from '../aggregates/types';
import type { ScoredEvent, ScoringModel } from '../model/types';
import { tierOf } from '../tiers/tier-of';
import { utcDayOf } from '../time/calendar';
import { evaluateTrigger } from '../triggers/evaluate-trigger';
import { planAggregates } from '../aggregates/plan';
import { scoreChangeOf } from '../triggers/score-change';
import type { ScoreChange } from '../triggers/types';
import { triggerProfile, type TriggerProfile } from '../triggers/needs';
import type { TriggerInput } from '../triggers/types';
import type { ScoreTrack } from './score-track';
import type { SubjectBook, SubjectRecord } from './subject-book';

const QUIET = { explain: false, firedOnly: true };

/**
 * Whether time alone can make the trigger's score leaves fire: scores fall with decay (down crossings,
 * tier changes), and rise only when negative points decay or component windows move.
 */
function canCrossWithTime(model: ScoringModel, trigger: Trigger): boolean {
  const canRise = model.kind === 'components' || model.rules.some((rule) => rule.points * rule.weight < 0);
  return triggerLeaves(trigger).some(
    (leaf) => (leaf.kind === 'scoreThreshold' && leaf.model === model.id && (leaf.direction === 'down' || canRise)) || (leaf.kind === 'tierChange' && leaf.model === model.id),
  );
}

function addActivity(input: TriggerInput, record: SubjectRecord): void {
  if (record.lastActivityAt !== -Infinity) input.lastActivityAt = record.lastActivityAt;
  if (record.lastEventAt !== undefined) input.lastEventAt = record.lastEventAt;
}

/**
 * One model + trigger replayed over history: scores, aggregates and fires per subject. The backtest
 * runs the draft and the published version side by side over the same pass.
 */
export class TriggerReplay {
  readonly profile: TriggerProfile;
  private readonly plan: AggregatePlan | undefined;
  /** Whether the trigger reads this model's score (then the track makes change records for it). */
  readonly readsScores: boolean;
  private track!: ScoreTrack;
  /** Score crossings can happen between events (decay, windows): look for them on ticks. */
  ticksScores = false;
  readonly firstFireAt = new Map<string, number>();
  /** UTC day → subjects that fired that day. */
  readonly firesByDay = new Map<number, Set<string>>();

  constructor(
    readonly model: ScoringModel,
    readonly trigger: Trigger,
    private readonly book: SubjectBook,
    /** This replay's aggregates in each subject record. */
    private readonly index: number,
  ) {
    this.profile = triggerProfile(trigger);
    this.readsScores = this.profile.scoreModels.has(model.id);
    this.plan = this.profile.aggregateNeeds.length > 0 ? planAggregates(this.profile.aggregateNeeds) : undefined;
  }

  /** Scores come from `track` (shared with replays that score alike). */
  attach(track: ScoreTrack): void {
    this.track = track;
    this.ticksScores = this.readsScores && track.scorer.movesWithTime && canCrossWithTime(this.model, this.trigger);
  }

  get needsTicks(): boolean {
    return this.profile.onTick || this.ticksScores;
  }

  private currentScores(record: SubjectRecord, at: number, traits: Record<string, unknown>): TriggerInput['scores'] {
    const score = this.track.scoreAt(record, at, traits);
    return { [this.model.id]: { score, tier: tierOf(this.model, score)?.name ?? null } };
  }

  private fire(id: string, at: number): void {
    if (!this.firstFireAt.has(id)) this.firstFireAt.set(id, at);
    const day = utcDayOf(at);
    let subjects = this.firesByDay.get(day);
    if (subjects === undefined) this.firesByDay.set(day, (subjects = new Set()));
    subjects.add(id);
  }

  /** The subject's aggregates, made on first use with a person-day index (power-user windows read it per event). */
  private aggregatesOf(record: SubjectRecord): SubjectAggregates {
    return (record.aggregates[this.index] ??= indexPeopleByDay(createAggregates()));
  }

  /**
   * After the track applied the event of a subject: records it into the aggregates, and evaluates the
   * trigger when the event can fire it and `counts`.
   */
  onEvent(record: SubjectRecord, event: ScoredEvent, counts: boolean, traits: Record<string, unknown>): void {
    let aggregates: SubjectAggregates | undefined;
    let recorded = null;
    if (this.plan !== undefined) {
      aggregates = this.aggregatesOf(record);
      recorded = recordEvent(aggregates, this.plan, event);
    }
    if (!counts) return;
    const scorer = this.track.scorer;
    const change: ScoreChange | null =
      this.readsScores && this.track.changed ? scoreChangeOf(this.model, scorer.before, scorer.after, this.profile.usesTiers) : null;
    const named = this.profile.events === null || this.profile.events.has(event.event);
    const moved = change !== null && (change.before !== change.after || change.tierBefore !== change.tierAfter);
    if (!named && !moved) return; // nothing this event did can fire the trigger
    const input: TriggerInput = { now: event.timestamp, event, recorded, traits };
    if (aggregates !== undefined) input.aggregates = aggregates;
    if (change !== null) input.scoreChange = change;
    else if (this.readsScores) input.scores = this.currentScores(record, event.timestamp, traits);
    if (this.profile.onTick) addActivity(input, record);
    if (evaluateTrigger(this.trigger, input, QUIET).fired) this.fire(record.id, event.timestamp);
  }

  /** A tick at `now` covering (previousTick, now], for every subject seen so far. */
  onTick(now: number, previousTick: number): void {
    for (const record of this.book.all()) {
      const traits = this.book.traitsOf(record);
      const input: TriggerInput = { now, previousTick, traits };
      if (this.plan !== undefined) input.aggregates = this.aggregatesOf(record);
      if (this.profile.onTick) addActivity(input, record);
      if (this.ticksScores) {
        input.scoreChange = scoreChangeOf(this.model, this.track.scoreAt(record, previousTick, traits), this.track.scoreAt(record, now, traits), this.profile.usesTiers);
      } else if (this.readsScores) {
        input.scores = this.currentScores(record, now, traits);
      }
      if (evaluateTrigger(this.trigger, input, QUIET).fired) this.fire(record.id, now);
    }
  }

  scoreAt(record: SubjectRecord, at: number): number {
    return this.track.scoreAt(record, at, this.book.traitsOf(record));
  }
}
