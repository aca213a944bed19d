/**
 * One scorer run over the history for every replay that scores the same way: the draft and the
 * published version usually share their rules (only the trigger or the tiers differ), and then their
 * states would be equal event for event, so they are kept once.
 */
import type { ScoredEvent, ScoringModel } from '../model/types';
import { subjectScorer, type SubjectScorer } from './subject-scorer';
import { SubjectBook, type SubjectRecord } from './subject-book';

/** Deep equality with numbers compared by Object.is (so 0 and -0 points stay apart). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether two models compute the same scores (ids, names, versions and tiers aside). */
export function scoresAlike(a: ScoringModel, b: ScoringModel): boolean {
  if (a === b) return true;
  if (a.kind === 'events' && b.kind === 'events') return sameValue(a.rules, b.rules) && sameValue(a.decay, b.decay) && sameValue(a.rollup, b.rollup);
  if (a.kind === 'components' && b.kind === 'components') return sameValue(a.components, b.components);
  return false;
}

export class ScoreTrack {
  readonly scorer: SubjectScorer;
  /** Whether the last event applied made a change record (see SubjectScorer.apply). */
  changed = false;

  constructor(
    readonly model: ScoringModel,
    subject: 'person' | 'account',
    withChanges: boolean,
    /** This track's slot in each subject record. */
    readonly index: number,
  ) {
    this.scorer = subjectScorer(model, subject, withChanges);
  }

  apply(record: SubjectRecord, event: ScoredEvent, traits: Record<string, unknown>): void {
    this.changed = this.scorer.apply(SubjectBook.scoreSlotOf(record, this.index), event, traits);
  }

  scoreAt(record: SubjectRecord, at: number, traits: Record<string, unknown>): number {
    return this.scorer.scoreAt(SubjectBook.scoreSlotOf(record, this.index), at, traits);
  }
}
