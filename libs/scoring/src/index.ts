/** @tripline/scoring: scoring models, incremental score state, tiers, rollups and the component model. Pure. */
export * from './model/types';
export { DAY_MS, utcDayOf, calendarBucketOf, type CalendarBucket } from './time/calendar';
export { matchRules, rulePoints, evaluationContextOf } from './rules/match-rules';
export {
  createScoreState,
  cloneScoreState,
  RECENT_PER_RULE,
  type ScoreState,
  type StoredContribution,
  type CapBucket,
} from './state/score-state';
export { LATE_EVENT_HORIZON_DAYS, horizonMs } from './state/horizon';
export { decayedPoints } from './state/decay-math';
export { applyEvent, applyEventInPlace, type ApplyEventResult, type ApplyOutcome, type EventContribution } from './state/apply-event';
export { pruneScoreState } from './state/prune';
export { scoreAt, roundScore } from './state/score-at';
export { topContributions, type TopContribution } from './state/top-contributions';
export { tierOf } from './tiers/tier-of';
export { rollupAccountScore } from './rollup/rollup';
export { DEFAULT_TIERS, defaultTiers } from './defaults/tiers';
export { seedEventModel } from './defaults/seed-event-model';
export { pqlComponentModel, PQL_EVENTS, PQL_TRAITS } from './defaults/pql-component-model';
export { scoringModelSchema, eventScoringModelSchema, componentScoringModelSchema, scoringIdSchema } from './model/schema';
export { validateScoringModel, parseScoringModel, type ParseScoringModelResult } from './model/validate';
export { formatModelPath } from './model/problem';
export { SCORING_MODEL_LIMITS, SCORING_ID_PATTERN } from './model/limits';
export {
  createAccountActivity,
  recordActivity,
  pruneActivity,
  type AccountActivity,
  type DayActivity,
} from './components/account-activity';
export { activityNeedsOf, activityHorizonDays, type ActivityNeed, type NeedKind } from './components/activity-needs';
export { evaluateComponents, type ComponentScore, type ComponentResult } from './components/evaluate-components';
// Window aggregates, trigger evaluation, backtests and synthetic data (triggers / backtest helper).
export {
  type SubjectAggregates,
  type DayBucket,
  type AggregateNeed,
  type AggregateSeries,
  type AggregatePlan,
  type RecordedEvent,
} from './aggregates/types';
export { planAggregates } from './aggregates/plan';
export { createAggregates, recordEvent } from './aggregates/record-event';
export { seriesKey } from './aggregates/series-key';
export { countInRange, sumInRange, peopleInRange, personDailyCounts, distinctValuesInRange, bucketsInRange, windowDays } from './aggregates/window-queries';
export { type TriggerInput, type TriggerResult, type ScoreChange, type CrmChange } from './triggers/types';
export { evaluateTrigger, type EvaluateOptions } from './triggers/evaluate-trigger';
export { aggregateNeedsOf, planForTriggers, triggerProfile, type TriggerProfile } from './triggers/needs';
export { nextCronTimes, cronFiresBetween } from './triggers/cron-times';
export { dueSubjects, nextDueAt, type TickSubject, type Tick } from './triggers/due';
export { dateTraitValue, inactivityDeadline, relativeDateSpan } from './triggers/leaves/time';
export { scoreContextOf } from './triggers/score-context';
export { scoreChangeOf, applyEventWithChange, scoreChangeBetween, recordActivityWithChange } from './triggers/score-change';
export { runBacktest } from './backtest/run-backtest';
export { type BacktestInput, type BacktestResult, type BacktestSummary, type BacktestOutcome } from './backtest/types';
export { generateEvents, type SyntheticOptions, type SyntheticDataset, type SyntheticAccount, type SyntheticPerson } from './synthetic/generate-events';
export { segmentCallsOf, type SegmentCall } from './synthetic/segment-calls';
export { SYNTHETIC_EVENTS, SYNTHETIC_FEATURES } from './synthetic/catalog';
export { SeededRandom } from './synthetic/random';
export { diffScoringModels } from './diff/diff-scoring-models';
