/**
 * Pure edits of a scoring model document, as the editor's tables make them. Each returns a new
 * document; the store keeps the one on screen.
 */
import type { ComponentScoringModel, EventRule, EventScoringModel, ScoreComponent, ScoringModel, Tier } from '@tripline/scoring';

/** A stored draft as the editor shows it: lists the API may leave out read as empty. */
export function normalizeModel(draft: unknown): ScoringModel {
  const doc = (typeof draft === 'object' && draft !== null ? draft : {}) as Partial<ScoringModel> & Record<string, unknown>;
  const tiers = Array.isArray(doc.tiers) ? doc.tiers : [];
  if (doc.kind === 'components') {
    return { ...(doc as ComponentScoringModel), tiers, components: Array.isArray(doc.components) ? doc.components : [] };
  }
  const events = doc as Partial<EventScoringModel>;
  return {
    ...(doc as EventScoringModel),
    kind: 'events',
    tiers,
    rules: Array.isArray(events.rules) ? events.rules : [],
    decay: events.decay ?? { kind: 'none' },
    rollup: events.rollup ?? 'sum',
  };
}

/** Scored points of a rule: base points × weighting factor (2 decimals). */
export function scoredPoints(rule: Pick<EventRule, 'points' | 'weight'>): number {
  return Math.round(rule.points * rule.weight * 100) / 100;
}

export function componentWeightSum(components: readonly ScoreComponent[]): number {
  return Math.round(components.reduce((sum, component) => sum + (Number.isFinite(component.weight) ? component.weight : 0), 0) * 100) / 100;
}

/** An id not used yet among `taken`: `<base>`, then `<base>-2`, … */
export function freshId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function addRule(model: EventScoringModel): EventScoringModel {
  const rule: EventRule = { id: freshId('rule', model.rules.map((r) => r.id)), event: '', points: 10, weight: 1 };
  return { ...model, rules: [...model.rules, rule] };
}

export function updateRule(model: EventScoringModel, index: number, patch: Partial<EventRule>): EventScoringModel {
  return { ...model, rules: model.rules.map((rule, i) => (i === index ? dropUndefined({ ...rule, ...patch }) : rule)) };
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function addComponent(model: ComponentScoringModel): ComponentScoringModel {
  const component: ScoreComponent = {
    id: freshId('component', model.components.map((c) => c.id)),
    name: 'New component',
    metric: { kind: 'trait', trait: '' },
    fullPointsAt: 1,
    weight: 0,
  };
  return { ...model, components: [...model.components, component] };
}

export function updateComponent(model: ComponentScoringModel, index: number, patch: Partial<ScoreComponent>): ComponentScoringModel {
  return { ...model, components: model.components.map((c, i) => (i === index ? dropUndefined({ ...c, ...patch }) : c)) };
}

/** A new tier above the last one. */
export function addTier(tiers: readonly Tier[]): Tier[] {
  const last = tiers.at(-1);
  const min = last ? last.max + 1 : 0;
  return [...tiers, { name: `Tier ${tiers.length + 1}`, min, max: min + 20 }];
}

export function updateTier(tiers: readonly Tier[], index: number, patch: Partial<Tier>): Tier[] {
  return tiers.map((tier, i) => (i === index ? dropUndefined({ ...tier, ...patch }) : tier));
}

/** Optional settings cleared in a form are removed from the document, not stored as undefined. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
