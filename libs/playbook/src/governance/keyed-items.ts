import type { DiffItem } from './contract';
import { diffJson } from './json-diff';

/** How diffKeyedItems reads one collection (nodes, edges, rules, components, tiers). */
export interface KeyedCollection<T> {
  /** "nodes", "edges", "rules", ... */
  collection: string;
  /** The item's identity, e.g. a node id or "from→to:port". */
  keyOf: (item: T) => string;
  /** Short human label of an item ('Rule "Demo Requested"'). */
  labelOf: (item: T) => string;
  /** What is compared (default: the item itself), e.g. a node's step without its id. */
  contentOf?: (item: T) => unknown;
  /** The summary line of one differing item; `before` / `after` are its two versions (one is absent for added / removed). */
  summarise: (item: DiffItem, before: T | undefined, after: T | undefined) => string;
}

/** diffKeyedItems' answer: the differing items and their summary lines. */
export interface KeyedDiff {
  items: DiffItem[];
  /** One line per item, in the same order. */
  summary: string[];
}

/**
 * Items in a list keyed by `keyOf`; a key seen again gets "#2", "#3", … so duplicates (an invalid
 * draft, twin edges) are still compared one for one instead of hiding each other.
 */
export function keyItems<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const keyed = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    let unique = key;
    for (let n = 2; keyed.has(unique); n++) unique = `${key}#${n}`;
    keyed.set(unique, item);
  }
  return keyed;
}

/**
 * The differences between two keyed collections, in `after` order, then removed items in `before`
 * order. An item's `changes` are diffJson of its two contents with paths relative to the item: for
 * 'changed' the leaf differences, for 'added' / 'removed' one entry at path '' holding the whole item
 * (so an approver sees e.g. the full text of an added email, not only that it exists).
 */
export function diffKeyedItems<T>(before: readonly T[], after: readonly T[], how: KeyedCollection<T>): KeyedDiff {
  const old = keyItems(before, how.keyOf);
  const now = keyItems(after, how.keyOf);
  const content = how.contentOf ?? ((item: T): unknown => item);
  const result: KeyedDiff = { items: [], summary: [] };
  const add = (item: DiffItem, previous: T | undefined, next: T | undefined): void => {
    result.items.push(item);
    result.summary.push(how.summarise(item, previous, next));
  };
  for (const [key, item] of now) {
    const previous = old.get(key);
    const changes = diffJson(previous === undefined ? undefined : content(previous), content(item));
    if (changes.length === 0) continue;
    const kind = previous === undefined ? 'added' : 'changed';
    add({ collection: how.collection, key, kind, label: how.labelOf(item), changes }, previous, item);
  }
  for (const [key, item] of old) {
    if (now.has(key)) continue;
    add({ collection: how.collection, key, kind: 'removed', label: how.labelOf(item), changes: diffJson(content(item), undefined) }, item, undefined);
  }
  return result;
}
