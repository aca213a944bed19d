/** The backtest form's choices and the request they make. Pure. */
import type { BacktestRequest, BacktestResultRecord } from '../../api/scoring-operations';

export type TriggerChoice =
  /** A playbook's draft trigger (its published trigger is the baseline). */
  | { kind: 'playbook'; playbookId: string }
  /** The model's subjects entering a tier. */
  | { kind: 'tier'; tier: string }
  /** The model's score crossing a threshold upwards. */
  | { kind: 'threshold'; threshold: number };

export interface BacktestForm {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  subject: 'person' | 'account';
  outcomeKind: 'event' | 'trait';
  outcomeEvent: string;
  outcomeTrait: string;
  outcomeEquals: string;
  modelId: string;
  trigger: TriggerChoice | null;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last 30 UTC days up to today. */
export function defaultForm(now: number, overrides: Partial<BacktestForm> = {}): BacktestForm {
  return {
    from: isoDay(now - 29 * DAY_MS),
    to: isoDay(now),
    subject: 'person',
    outcomeKind: 'event',
    outcomeEvent: '',
    outcomeTrait: '',
    outcomeEquals: '',
    modelId: '',
    trigger: null,
    ...overrides,
  };
}

/** "true" / "12" / "paid" as the trait value the outcome compares with. */
export function parseEquals(text: string): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

export function buildBacktestRequest(form: BacktestForm): { ok: true; request: BacktestRequest } | { ok: false; error: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.from) || !/^\d{4}-\d{2}-\d{2}$/.test(form.to)) return { ok: false, error: 'Choose a start and an end date.' };
  if (form.from > form.to) return { ok: false, error: 'The start date is after the end date.' };
  if (!form.modelId) return { ok: false, error: 'Choose a scoring model.' };
  if (!form.trigger) return { ok: false, error: 'Choose what fires: a playbook trigger, a tier or a score threshold.' };
  let outcome: BacktestRequest['outcome'];
  if (form.outcomeKind === 'event') {
    if (form.outcomeEvent.trim() === '') return { ok: false, error: 'Name the outcome event (e.g. "Subscription Started").' };
    outcome = { kind: 'event', event: form.outcomeEvent.trim() };
  } else {
    if (form.outcomeTrait.trim() === '') return { ok: false, error: 'Name the outcome trait (e.g. "plan").' };
    outcome = { kind: 'trait', trait: form.outcomeTrait.trim(), equals: parseEquals(form.outcomeEquals) };
  }
  const request: BacktestRequest = {
    from: `${form.from}T00:00:00.000Z`,
    to: `${form.to}T23:59:59.999Z`,
    subject: form.subject,
    outcome,
    modelId: form.modelId,
  };
  const trigger = form.trigger;
  if (trigger.kind === 'playbook') request.playbookId = trigger.playbookId;
  else if (trigger.kind === 'tier') request.trigger = { kind: 'tierChange', model: form.modelId, to: trigger.tier };
  else request.trigger = { kind: 'scoreThreshold', model: form.modelId, threshold: trigger.threshold, direction: 'up' };
  return { ok: true, request };
}

/** 0.4231 → "42.3%"; null → "—". */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function ratio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(2)}×`;
}

/** Tiers of both summaries in one order (the draft's first, then the baseline's). */
export function tierRows(result: BacktestResultRecord): { tier: string; draft: number; baseline: number | null }[] {
  const names = [...result.tierDistribution.map((t) => t.tier)];
  for (const t of result.baseline?.tierDistribution ?? []) if (!names.includes(t.tier)) names.push(t.tier);
  return names.map((tier) => ({
    tier,
    draft: result.tierDistribution.find((t) => t.tier === tier)?.count ?? 0,
    baseline: result.baseline ? (result.baseline.tierDistribution.find((t) => t.tier === tier)?.count ?? 0) : null,
  }));
}
