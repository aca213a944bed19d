import type { SubjectAggregates } from '../aggregates/types';
import type { ScoredEvent } from '../model/types';

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** What one score track (see ScoreTrack) keeps for a subject: its score state. */
export interface ScoreSlot {
  score: unknown;
}

/** What a backtest knows about one subject. */
export interface SubjectRecord {
  id: string;
  /** One slot per score track, by track index. */
  scores: ScoreSlot[];
  /** Window aggregates per replay, by replay index. */
  aggregates: (SubjectAggregates | undefined)[];
  /** The latest trait snapshot its events carried (events arrive in time order). */
  eventTraits: Record<string, unknown>;
  /** eventTraits with the caller's extra traits over them, and the snapshot it was made from. */
  merged: { from: Record<string, unknown>; traits: Record<string, unknown> } | null;
  extra: Record<string, unknown> | undefined;
  lastActivityAt: number;
  /** Latest time of each event an inactivity trigger names. */
  lastEventAt: Record<string, number> | undefined;
  activeInRange: boolean;
  lastOutcomeAt: number | undefined;
}

/** Subjects in first-seen order, one record each: one map lookup per event. */
export class SubjectBook {
  private readonly records = new Map<string, SubjectRecord>();

  constructor(
    private readonly subject: 'person' | 'account',
    private readonly extraTraits: Readonly<Record<string, Record<string, unknown>>> | undefined,
    private readonly watchedEvents: ReadonlySet<string>,
  ) {}

  idOf(event: ScoredEvent): string | undefined {
    return this.subject === 'person' ? event.person?.id : event.account?.id;
  }

  recordOf(id: string): SubjectRecord {
    let record = this.records.get(id);
    if (record === undefined) {
      const extra = this.extraTraits && Object.prototype.hasOwnProperty.call(this.extraTraits, id) ? this.extraTraits[id] : undefined;
      record = { id, scores: [], aggregates: [], eventTraits: EMPTY, merged: null, extra, lastActivityAt: -Infinity, lastEventAt: undefined, activeInRange: false, lastOutcomeAt: undefined };
      this.records.set(id, record);
    }
    return record;
  }

  /** The record's slot for score track `index`, made on first use. */
  static scoreSlotOf(record: SubjectRecord, index: number): ScoreSlot {
    return (record.scores[index] ??= { score: undefined });
  }

  get(id: string): SubjectRecord | undefined {
    return this.records.get(id);
  }

  noteTraits(record: SubjectRecord, event: ScoredEvent): void {
    const traits = this.subject === 'person' ? event.person?.traits : event.account?.traits;
    if (traits !== undefined) record.eventTraits = traits;
  }

  noteActivity(record: SubjectRecord, event: ScoredEvent): void {
    record.lastActivityAt = event.timestamp;
    if (this.watchedEvents.size === 0 || !this.watchedEvents.has(event.event)) return;
    (record.lastEventAt ??= {})[event.event] = event.timestamp;
  }

  noteOutcome(record: SubjectRecord, timestamp: number): void {
    if (record.lastOutcomeAt === undefined || timestamp > record.lastOutcomeAt) record.lastOutcomeAt = timestamp;
  }

  /** The latest event traits with the caller's extra traits over them. */
  traitsOf(record: SubjectRecord): Record<string, unknown> {
    if (record.extra === undefined) return record.eventTraits;
    if (record.merged?.from === record.eventTraits) return record.merged.traits;
    const traits = { ...record.eventTraits, ...record.extra };
    record.merged = { from: record.eventTraits, traits };
    return traits;
  }

  /** Every subject seen, in first-seen order. */
  all(): IterableIterator<SubjectRecord> {
    return this.records.values();
  }
}
