/**
 * One playbook trigger, published and proposed, replayed over the window by runBacktest() (the code
 * live ingest scores and evaluates with): who fires on each side, how many enrollments that makes,
 * and how the fires do against the outcome. Pure: the history is passed in.
 */
import type { Enrollment, Trigger } from '@tripline/playbook';
import { runBacktest, type BacktestOutcome, type BacktestResult, type BacktestSummary, type ScoredEvent, type ScoringModel } from '@tripline/scoring';

/** What a playbook would do on one side of the change. */
export interface ReplaySide {
  model: ScoringModel;
  trigger: Trigger;
  enrollment: Enrollment;
}

/** What one side did over the window. */
export interface SideOutcome {
  subject: 'person' | 'account';
  /** Subjects that fired at least once, sorted. */
  fired: string[];
  /** Enrollments the fires make under the side's re-enrollment rule (see enrollmentsOf). */
  enrollments: number;
  /** Fired subjects whose outcome followed. */
  truePositives: number;
  /** Subjects of the replay's population that converted. */
  converted: number;
}

export interface ReplayPairResult {
  /** The published side; a first publish (no published side) fires nothing. */
  before: SideOutcome;
  after: SideOutcome;
  /** runBacktest()'s warnings worth passing on, and sides that could not be replayed. */
  notes: string[];
}

export interface ReplayRange {
  /** Epoch ms, both inclusive (runBacktest's range). */
  from: number;
  to: number;
  days: number;
}

/**
 * Fires counted as the enrollments they would make. The backtest counts a subject at most once a
 * day; 'never' enrolls a subject once, `{ afterDays }` at most once per afterDays days.
 */
export function enrollmentsOf(summary: Pick<BacktestSummary, 'firesPerDay' | 'fired'>, enrollment: Enrollment, windowDays: number): number {
  const fires = summary.firesPerDay.reduce((sum, day) => sum + day.count, 0);
  const reenroll = enrollment.reenroll;
  if (reenroll === 'never') return summary.fired.length;
  if (reenroll === 'always') return fires;
  return Math.min(fires, summary.fired.length * Math.ceil(windowDays / reenroll.afterDays));
}

function sideOf(summary: BacktestSummary, converted: number, side: ReplaySide, subject: 'person' | 'account', days: number): SideOutcome {
  return { subject, fired: summary.fired, enrollments: enrollmentsOf(summary, side.enrollment, days), truePositives: summary.truePositives, converted };
}

/** Scoring-model mismatches are named by the caller (modelForTrigger); the rest is worth passing on. */
const passedOn = (warnings: string[]): string[] => warnings.filter((warning) => !/ reads model "/.test(warning));

const canScore = (model: ScoringModel, subject: 'person' | 'account'): boolean => model.kind === 'events' || subject === 'account';

/** runBacktest() refuses input it cannot replay ("cannot backtest …"): a note, not a failure. */
function tryBacktest(run: () => BacktestResult, label: string, notes: string[]): BacktestResult | null {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && /^cannot backtest/.test(error.message)) {
      notes.push(`${label}: ${error.message}`);
      return null;
    }
    throw error;
  }
}

/**
 * Replays `after` against `before` (the baseline) over the history. Both sides share one pass when
 * they enroll the same kind of subject; otherwise each side runs alone. A side whose model cannot
 * score its subject (a component model on persons) fires nothing, with a note.
 */
export function replayPair(
  events: readonly ScoredEvent[],
  range: ReplayRange,
  outcome: BacktestOutcome,
  before: ReplaySide | null,
  after: ReplaySide,
  label: string,
): ReplayPairResult {
  const notes: string[] = [];
  const usable = (side: ReplaySide | null, which: string): ReplaySide | null => {
    if (side === null || canScore(side.model, side.enrollment.subject)) return side;
    notes.push(`${label} (${which}): scoring model "${side.model.id}" is a component model and scores accounts only, so this trigger never fires for persons`);
    return null;
  };
  const proposed = usable(after, 'proposed');
  const published = usable(before, 'published');
  const none = (subject: 'person' | 'account', converted: number): SideOutcome => ({ subject, fired: [], enrollments: 0, truePositives: 0, converted });
  const bounds = { from: range.from, to: range.to };
  const run = (side: ReplaySide, baseline: ReplaySide | null): BacktestResult | null =>
    tryBacktest(
      () =>
        runBacktest({
          events,
          model: side.model,
          trigger: side.trigger,
          range: bounds,
          outcome,
          subject: side.enrollment.subject,
          ...(baseline ? { baseline: { model: baseline.model, trigger: baseline.trigger } } : {}),
        }),
      label,
      notes,
    );

  if (proposed && published && proposed.enrollment.subject === published.enrollment.subject) {
    const result = run(proposed, published);
    if (result === null) return { before: none(published.enrollment.subject, 0), after: none(proposed.enrollment.subject, 0), notes };
    notes.push(...passedOn(result.warnings).map((warning) => `${label}: ${warning}`));
    return {
      before: sideOf(result.baseline!, result.converted, published, published.enrollment.subject, range.days),
      after: sideOf(result, result.converted, proposed, proposed.enrollment.subject, range.days),
      notes,
    };
  }
  const alone = (side: ReplaySide | null, fallbackSubject: 'person' | 'account'): SideOutcome => {
    if (side === null) return none(fallbackSubject, 0);
    const result = run(side, null);
    if (result === null) return none(side.enrollment.subject, 0);
    notes.push(...passedOn(result.warnings).map((warning) => `${label}: ${warning}`));
    return sideOf(result, result.converted, side, side.enrollment.subject, range.days);
  };
  const afterOutcome = alone(proposed, after.enrollment.subject);
  // A first publish has no published side: it fires nothing against the same population.
  const beforeOutcome = before === null ? none(after.enrollment.subject, afterOutcome.converted) : alone(published, before.enrollment.subject);
  return { before: beforeOutcome, after: afterOutcome, notes };
}
