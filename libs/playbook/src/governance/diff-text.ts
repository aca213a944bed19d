import type { Filter } from '../dsl/types';
import { describeFilter, truncate } from '../filters/describe-filter';
import type { DiffEntry } from './contract';

/** Longest value shown in a summary line; the structured entries keep the full value. */
const MAX_VALUE_TEXT = 60;
/** Longest summary line. */
export const MAX_SUMMARY_LINE = 300;

/** Segments that hold a structured filter: their changes read as one filter before → after. */
const FILTER_SEGMENTS = new Set(['where', 'when']);

/** Words for field names in summaries; anything else camelCase is split ("fullPointsAt" → "full points at"). */
export type FieldWords = Readonly<Record<string, string>>;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * A JSON value as a summary shows it: strings quoted and cut to one short line, numbers and booleans
 * as written, null as "empty", absent as "none", objects and arrays as short JSON.
 */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'empty';
  if (typeof value === 'string') return `"${truncate(oneLine(value), MAX_VALUE_TEXT)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return truncate(JSON.stringify(value) ?? String(value), MAX_VALUE_TEXT);
}

const camelToWords = (segment: string): string =>
  /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(segment) ? segment.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`) : segment;

/** "cap.count" → "cap count", "metric.windowDays" → "metric window days", "variants.0.percent" → "variants #1 percent". */
export function pathWords(path: string, words: FieldWords = {}): string {
  if (path === '') return '';
  return path
    .split('.')
    .map((segment) => (/^\d+$/.test(segment) ? `#${Number(segment) + 1}` : (words[segment] ?? camelToWords(segment))))
    .join(' ');
}

/** The value at a dotted path inside a JSON value (array indexes as numbers), or undefined. */
export function valueAtPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  let value: unknown = root;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function describeFilterValue(value: unknown): string {
  if (value === undefined) return 'none';
  try {
    return describeFilter(value as Filter);
  } catch {
    return formatDiffValue(value);
  }
}

/** "points 75 → 90" for one entry (path relative to what the line is about). */
export function describeEntry(entry: DiffEntry, words: FieldWords = {}): string {
  const change = `${formatDiffValue(entry.before)} → ${formatDiffValue(entry.after)}`;
  const name = pathWords(entry.path, words);
  return name === '' ? change : `${name} ${change}`;
}

/**
 * The changes inside one item or section as one readable clause: "points 75 → 90; weight 2 → 2.5".
 * Changes inside a structured filter (`where`, `when`) read as the whole filter before → after
 * ("where plan = pro → plan = team"), once per filter. `before` / `after` are the item's two values.
 */
export function describeChanges(before: unknown, after: unknown, changes: readonly DiffEntry[], words: FieldWords = {}): string {
  const parts: string[] = [];
  const filtersDone = new Set<string>();
  for (const entry of changes) {
    const segments = entry.path === '' ? [] : entry.path.split('.');
    const filterAt = segments.findIndex((segment) => FILTER_SEGMENTS.has(segment));
    if (filterAt < 0) {
      parts.push(describeEntry(entry, words));
      continue;
    }
    const root = segments.slice(0, filterAt + 1).join('.');
    if (filtersDone.has(root)) continue;
    filtersDone.add(root);
    parts.push(`${pathWords(root, words)} ${describeFilterValue(valueAtPath(before, root))} → ${describeFilterValue(valueAtPath(after, root))}`);
  }
  return parts.join('; ');
}

/** Entries under `prefix` with their paths made relative to it ("trigger.threshold" → "threshold"). */
export function relativeEntries(entries: readonly DiffEntry[], prefix: string): DiffEntry[] {
  return entries.flatMap((entry) => {
    if (entry.path === prefix) return [{ ...entry, path: '' }];
    return entry.path.startsWith(`${prefix}.`) ? [{ ...entry, path: entry.path.slice(prefix.length + 1) }] : [];
  });
}

/** How a whole section value reads when it appears or disappears, e.g. a trigger via describeTrigger. */
export type ValueDescriber = (value: unknown) => string;

/**
 * One summary line for a top-level section (name, trigger, decay, …) whose entries are `entries`
 * (paths relative to the section): "Name: "Old" → "New"", "Outreach: priority 50 → 80". A section
 * that appears reads "Title: value"; one that disappears "Title: removed (was value)". With a
 * `describe`r, a change reads as the whole value described before → after when that shows it.
 */
export function describeSection(
  title: string,
  before: unknown,
  after: unknown,
  entries: readonly DiffEntry[],
  options: { words?: FieldWords; describe?: ValueDescriber } = {},
): string {
  const show = options.describe ?? formatDiffValue;
  const only = entries.length === 1 ? entries[0]! : undefined;
  if (only?.path === '' && only.kind === 'added') return summaryLine(`${title}: ${show(after)}`);
  if (only?.path === '' && only.kind === 'removed') return summaryLine(`${title}: removed (was ${show(before)})`);
  if (options.describe && before !== undefined && after !== undefined) {
    const [was, now] = [show(before), show(after)];
    if (was !== now) return summaryLine(`${title}: ${was} → ${now}`);
  }
  return summaryLine(`${title}: ${describeChanges(before, after, entries, options.words)}`);
}

/** "Rule "X"" → "rule "X"", for "Added rule "X"". */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** A summary line cut to MAX_SUMMARY_LINE characters. */
export function summaryLine(text: string): string {
  return truncate(text, MAX_SUMMARY_LINE);
}
