import {
  describeChanges,
  describeSection,
  diffJson,
  diffKeyedItems,
  lowerFirst,
  relativeEntries,
  summaryLine,
  type DiffEntry,
  type DiffItem,
  type FieldWords,
  type KeyedCollection,
  type StructuredDiff,
  type ValueDescriber,
} from '@tripline/playbook';
import type { Decay, EventRule, ScoreComponent, ScoringModel, Tier } from '../model/types';

/**
 * Not compared: `id` and `version` name the document, `schemaVersion` is always 1, and rules,
 * components and tiers are compared as keyed items.
 */
const NOT_FIELDS = new Set(['id', 'version', 'schemaVersion', 'rules', 'components', 'tiers']);
/** Sections in the order summaries list them; any other top-level field follows, sorted. */
const SECTION_ORDER = ['name', 'description', 'kind', 'decay', 'rollup'];
const SECTION_TITLES: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  kind: 'Model kind',
  decay: 'Decay',
  rollup: 'Account rollup',
};

const TIER_WORDS: FieldWords = { min: 'from', max: 'to', slaHours: 'SLA hours' };

const DECAY_NAMES = { halfLife: 'half-life', window: 'window' } as const;

function describeDecay(decay: Decay): string {
  return decay.kind === 'none' ? 'none' : `${DECAY_NAMES[decay.kind]} ${decay.days}d`;
}

/** "Decay half-life 30d → 14d" when only the days change, else "Decay half-life 30d → window 14d". */
function decayLine(before: Decay, after: Decay): string {
  if (before.kind !== 'none' && after.kind !== 'none' && before.kind === after.kind) {
    return summaryLine(`Decay ${DECAY_NAMES[before.kind]} ${before.days}d → ${after.days}d`);
  }
  return summaryLine(`Decay ${describeDecay(before)} → ${describeDecay(after)}`);
}

function itemLine<T>(item: DiffItem, before: T | undefined, after: T | undefined, added: (value: T) => string, words?: FieldWords): string {
  if (item.kind === 'added') return summaryLine(`Added ${lowerFirst(item.label)} (${added(after!)})`);
  if (item.kind === 'removed') return summaryLine(`Removed ${lowerFirst(item.label)}`);
  return summaryLine(`${item.label}: ${describeChanges(before, after, item.changes, words)}`);
}

const ruleKey = (rule: EventRule): string => (rule.id === '' ? rule.event : rule.id);

function rulesCollection(before: readonly EventRule[], after: readonly EventRule[]): KeyedCollection<EventRule> {
  // A rule reads by its event name; when two rules share one, the id tells them apart.
  const keysByEvent = new Map<string, Set<string>>();
  for (const rule of [...before, ...after]) keysByEvent.set(rule.event, (keysByEvent.get(rule.event) ?? new Set<string>()).add(ruleKey(rule)));
  return {
    collection: 'rules',
    keyOf: ruleKey,
    labelOf: (rule) => ((keysByEvent.get(rule.event)?.size ?? 0) > 1 ? `Rule "${rule.event}" (${ruleKey(rule)})` : `Rule "${rule.event}"`),
    summarise: (item, was, now) => itemLine(item, was, now, (rule) => `${rule.points} ${Math.abs(rule.points) === 1 ? 'point' : 'points'} × ${rule.weight}`),
  };
}

const COMPONENTS: KeyedCollection<ScoreComponent> = {
  collection: 'components',
  keyOf: (component) => (component.id === '' ? component.name : component.id),
  labelOf: (component) => `Component "${component.name}"`,
  summarise: (item, was, now) => itemLine(item, was, now, (component) => `weight ${component.weight}`),
};

const TIERS: KeyedCollection<Tier> = {
  collection: 'tiers',
  keyOf: (tier) => tier.name,
  labelOf: (tier) => `Tier ${tier.name}`,
  summarise: (item, was, now) => itemLine(item, was, now, (tier) => `${tier.min}–${tier.max}`, TIER_WORDS),
};

function sectionsOf(before: ScoringModel | null, after: ScoringModel): string[] {
  const present = new Set([...Object.keys(before ?? {}), ...Object.keys(after)].filter((key) => !NOT_FIELDS.has(key)));
  const known = SECTION_ORDER.filter((section) => present.has(section));
  return [...known, ...[...present].filter((section) => !SECTION_ORDER.includes(section)).sort()];
}

const rulesOf = (model: ScoringModel | null): EventRule[] => (model?.kind === 'events' ? model.rules : []);
const componentsOf = (model: ScoringModel | null): ScoreComponent[] => (model?.kind === 'components' ? model.components : []);

/** Decay reads "half-life 30d"; kind and rollup are keywords, shown unquoted. */
const SECTION_DESCRIBERS: Record<string, ValueDescriber> = {
  decay: (value) => describeDecay(value as Decay),
  kind: String,
  rollup: String,
};

/**
 * What publishing scoring model `after` over `before` changes, for an approver: rules (keyed by id),
 * components (by id) and tiers (by name) as added / removed / changed items with their leaf changes,
 * every other field (decay, rollup, name, description, kind) as leaf entries from the root, and one
 * summary line per difference: 'Rule "Trial Started": points 50 → 60', 'Tier High: from 71 → 75',
 * 'Decay half-life 30d → 14d'. `before` null (a first publish): everything is 'added'.
 */
export function diffScoringModels(before: ScoringModel | null, after: ScoringModel): StructuredDiff {
  const fields: DiffEntry[] = [];
  const summary: string[] = [];
  for (const section of sectionsOf(before, after)) {
    const was = before === null ? undefined : (before as unknown as Record<string, unknown>)[section];
    const now = (after as unknown as Record<string, unknown>)[section];
    const entries = diffJson(was, now, { prefix: section });
    if (entries.length === 0) continue;
    fields.push(...entries);
    if (section === 'decay' && was !== undefined && now !== undefined) summary.push(decayLine(was as Decay, now as Decay));
    else summary.push(describeSection(SECTION_TITLES[section] ?? section, was, now, relativeEntries(entries, section), { describe: SECTION_DESCRIBERS[section] }));
  }
  const rules = diffKeyedItems(rulesOf(before), rulesOf(after), rulesCollection(rulesOf(before), rulesOf(after)));
  const components = diffKeyedItems(componentsOf(before), componentsOf(after), COMPONENTS);
  const tiers = diffKeyedItems(before?.tiers ?? [], after.tiers, TIERS);
  const items = [...rules.items, ...components.items, ...tiers.items];
  summary.push(...rules.summary, ...components.summary, ...tiers.summary);
  return { subject: 'Scoring model', summary, items, fields, empty: items.length === 0 && fields.length === 0 };
}
