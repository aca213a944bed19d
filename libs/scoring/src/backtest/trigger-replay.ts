import { triggerLeaves, type Trigger } from '@tripline/playbook';
import { createAggregates, recordEvent } from '../aggregates/record-event';
import type { AggregatePlan, SubjectAggregates } from '../aggregates/types';
import type { ScoredEvent, ScoringModel } from '../model/types';
import { tierOf } from '../tiers/tier-of';
import { utcDayOf } from '../time/calendar';
import { evaluateTrigger } from '../triggers/evaluate-trigger';
import { planAggregates } from '../aggregates/plan';
import { scoreChangeOf } from '../triggers/score-change';
import { triggerProfile, type TriggerProfile } from '../triggers/needs';
import type { TriggerInput } from '../triggers/types';
import { SubjectBook, type ReplaySlot, type SubjectRecord } from './subject-book';
import { subjectScorer, type SubjectScorer } from './subject-scorer';

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
  private readonly scorer: SubjectScorer;
  private readonly plan: AggregatePlan | undefined;
  private readonly readsScores: boolean;
  /** Score crossings can happen between events (decay, windows): look for them on ticks. */
  readonly ticksScores: boolean;
  readonly firstFireAt = new Map<string, number>();
  /** UTC day → subjects that fired that day. */
  readonly firesByDay = new Map<number, Set<string>>();

  constructor(
    readonly model: ScoringModel,
    readonly trigger: Trigger,
    subject: 'person' | 'account',
    private readonly book: SubjectBook,
    /** This replay's slot in each subject record. */
    private readonly index: number,
  ) {
    this.profile = triggerProfile(trigger);
    this.readsScores = this.profile.scoreModels.has(model.id);
    this.scorer = subjectScorer(model, subject, this.readsScores, this.profile.usesTiers);
    this.plan = this.profile.aggregateNeeds.length > 0 ? planAggregates(this.profile.aggregateNeeds) : undefined;
    this.ticksScores = this.readsScores && this.scorer.movesWithTime && canCrossWithTime(model, trigger);
  }

  get needsTicks(): boolean {
    return this.profile.onTick || this.ticksScores;
  }

  private currentScores(slot: ReplaySlot, at: number, traits: Record<string, unknown>): TriggerInput['scores'] {
    const score = this.scorer.scoreAt(slot, at, traits);
    return { [this.model.id]: { score, tier: tierOf(this.model, score)?.name ?? null } };
  }

  private fire(id: string, at: number): void {
    if (!this.firstFireAt.has(id)) this.firstFireAt.set(id, at);
    const day = utcDayOf(at);
    let subjects = this.firesByDay.get(day);
    if (subjects === undefined) this.firesByDay.set(day, (subjects = new Set()));
    subjects.add(id);
  }

  /** Applies the event of a subject; evaluates the trigger when the event can fire it and `counts`. */
  onEvent(record: SubjectRecord, event: ScoredEvent, counts: boolean): void {
    const slot = SubjectBook.slotOf(record, this.index);
    const traits = this.book.traitsOf(record);
    const change = this.scorer.apply(slot, event, traits);
    let aggregates: SubjectAggregates | undefined;
    let recorded = null;
    if (this.plan !== undefined) {
      aggregates = slot.aggregates ??= createAggregates();
      recorded = recordEvent(aggregates, this.plan, event);
    }
    if (!counts) return;
    const named = this.profile.events === null || this.profile.events.has(event.event);
    const moved = change !== null && this.readsScores && (change.before !== change.after || change.tierBefore !== change.tierAfter);
    if (!named && !moved) return; // nothing this event did can fire the trigger
    const input: TriggerInput = { now: event.timestamp, event, recorded, traits };
    if (aggregates !== undefined) input.aggregates = aggregates;
    if (change !== null) input.scoreChange = change;
    else if (this.readsScores) input.scores = this.currentScores(slot, event.timestamp, traits);
    if (this.profile.onTick) addActivity(input, record);
    if (evaluateTrigger(this.trigger, input, QUIET).fired) this.fire(record.id, event.timestamp);
  }

  /** A tick at `now` covering (previousTick, now], for every subject seen so far. */
  onTick(now: number, previousTick: number): void {
    for (const record of this.book.all()) {
      const slot = SubjectBook.slotOf(record, this.index);
      const traits = this.book.traitsOf(record);
      const input: TriggerInput = { now, previousTick, traits };
      if (this.plan !== undefined) input.aggregates = slot.aggregates ??= createAggregates();
      if (this.profile.onTick) addActivity(input, record);
      if (this.ticksScores) {
        input.scoreChange = scoreChangeOf(this.model, this.scorer.scoreAt(slot, previousTick, traits), this.scorer.scoreAt(slot, now, traits), this.profile.usesTiers);
      } else if (this.readsScores) {
        input.scores = this.currentScores(slot, now, traits);
      }
      if (evaluateTrigger(this.trigger, input, QUIET).fired) this.fire(record.id, now);
    }
  }

  scoreAt(record: SubjectRecord, at: number): number {
    return this.scorer.scoreAt(SubjectBook.slotOf(record, this.index), at, this.book.traitsOf(record));
  }
}
