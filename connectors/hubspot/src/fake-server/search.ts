import { iso, type CrmStore, type StoredRecord } from './crm-store';
import { DATETIME_PROPERTIES, type FakeObjectType } from './property-definitions';

/** HubSpot's documented search limits. */
export const SEARCH_LIMITS = { maxLimit: 200, maxResults: 10_000, maxFilterGroups: 5, maxFiltersPerGroup: 10, maxFilters: 25 };

export interface SearchBody {
  filterGroups?: { filters?: Filter[] }[];
  sorts?: ({ propertyName?: string; direction?: string } | string)[];
  properties?: string[];
  limit?: number;
  after?: string | number;
  query?: string;
}

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

export type SearchOutcome = { ok: true; matches: StoredRecord[]; offset: number; limit: number } | { ok: false; message: string };

/**
 * Filters (groups ORed, filters ANDed), sorts (one), and pages with HubSpot's numeric `after`
 * offset; refuses what HubSpot refuses (limit over 200, paging past 10,000 results, unknown
 * properties or operators).
 */
export function runSearch(store: CrmStore, type: FakeObjectType, body: SearchBody): SearchOutcome {
  const limit = body.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxLimit) return { ok: false, message: `limit must be between 1 and ${SEARCH_LIMITS.maxLimit}, got ${String(body.limit)}` };
  const after = body.after === undefined || body.after === '' ? 0 : Number(body.after);
  if (!Number.isInteger(after) || after < 0) return { ok: false, message: `after must be a non-negative integer, got ${String(body.after)}` };
  if (after + limit > SEARCH_LIMITS.maxResults) return { ok: false, message: `The search API returns at most ${SEARCH_LIMITS.maxResults} results per query (after ${after} + limit ${limit})` };
  const groups = body.filterGroups ?? [];
  if (groups.length > SEARCH_LIMITS.maxFilterGroups) return { ok: false, message: `At most ${SEARCH_LIMITS.maxFilterGroups} filterGroups are allowed` };
  const filterCount = groups.reduce((sum, group) => sum + (group.filters?.length ?? 0), 0);
  if (filterCount > SEARCH_LIMITS.maxFilters || groups.some((group) => (group.filters?.length ?? 0) > SEARCH_LIMITS.maxFiltersPerGroup)) {
    return { ok: false, message: `Too many filters (at most ${SEARCH_LIMITS.maxFiltersPerGroup} per group, ${SEARCH_LIMITS.maxFilters} in all)` };
  }
  for (const filter of groups.flatMap((group) => group.filters ?? [])) {
    if (!filter.propertyName || !store.hasProperty(type, filter.propertyName)) return { ok: false, message: `Property "${String(filter.propertyName)}" does not exist` };
    if (!OPERATORS.has(filter.operator ?? '')) return { ok: false, message: `Unknown operator ${String(filter.operator)}` };
  }
  const sorts = (body.sorts ?? []).map((sort) => (typeof sort === 'string' ? { propertyName: sort.replace(/^-/, ''), direction: sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING' } : sort));
  if (sorts.length > 1) return { ok: false, message: 'Only one sort is allowed' };
  const sort = sorts[0];
  if (sort && (!sort.propertyName || !store.hasProperty(type, sort.propertyName))) return { ok: false, message: `Property "${String(sort.propertyName)}" does not exist` };

  const matches = store
    .all(type)
    .filter((record) => groups.length === 0 || groups.some((group) => (group.filters ?? []).every((filter) => matchesFilter(store, record, filter))));
  matches.sort((a, b) => {
    if (sort?.propertyName) {
      const order = compareValues(sortable(store, a, sort.propertyName), sortable(store, b, sort.propertyName));
      if (order !== 0) return sort.direction === 'DESCENDING' ? -order : order;
    }
    // Ties by id, so paging is stable.
    return Number(a.id) - Number(b.id);
  });
  return { ok: true, matches, offset: after, limit };
}

const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

function sortable(store: CrmStore, record: StoredRecord, name: string): string | number | null {
  const value = store.value(record, name);
  if (value === null) return null;
  if (DATETIME_PROPERTIES.has(name)) return Date.parse(value);
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value.toLowerCase();
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** A filter value as the property compares: datetimes as instants (epoch ms or ISO), numbers as numbers. */
function operand(name: string, raw: unknown): string | number {
  const text = String(raw);
  if (DATETIME_PROPERTIES.has(name)) return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text.toLowerCase();
}

function matchesFilter(store: CrmStore, record: StoredRecord, filter: Filter): boolean {
  const name = filter.propertyName!;
  const current = sortable(store, record, name);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return current !== null;
    case 'NOT_HAS_PROPERTY':
      return current === null;
    case 'IN':
      return current !== null && (filter.values ?? []).some((value) => operand(name, value) === current);
    case 'NOT_IN':
      return current === null || !(filter.values ?? []).some((value) => operand(name, value) === current);
    case 'CONTAINS_TOKEN':
      return current !== null && String(current).includes(String(filter.value).toLowerCase().replace(/\*/g, ''));
    case 'NOT_CONTAINS_TOKEN':
      return current === null || !String(current).includes(String(filter.value).toLowerCase().replace(/\*/g, ''));
  }
  if (current === null) return filter.operator === 'NEQ';
  const value = operand(name, filter.value);
  switch (filter.operator) {
    case 'EQ':
      return current === value;
    case 'NEQ':
      return current !== value;
    case 'LT':
      return current < value;
    case 'LTE':
      return current <= value;
    case 'GT':
      return current > value;
    case 'GTE':
      return current >= value;
    case 'BETWEEN':
      return current >= value && current <= operand(name, filter.highValue);
    default:
      return false;
  }
}

/** The record as the v3 API shows it, with the asked-for properties (null when empty). */
export function recordView(
  store: CrmStore,
  record: StoredRecord,
  properties: readonly string[],
  propertiesWithHistory: readonly string[] = [],
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: record.id,
    properties: Object.fromEntries(properties.filter((name) => store.hasProperty(record.type, name)).map((name) => [name, store.value(record, name)])),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived,
  };
  const withHistory = propertiesWithHistory.filter((name) => store.hasProperty(record.type, name));
  if (withHistory.length > 0) {
    view.propertiesWithHistory = Object.fromEntries(
      withHistory.map((name) => [
        name,
        (record.history.get(name) ?? []).map((entry) => ({ value: entry.value, timestamp: iso(entry.timestamp), sourceType: entry.sourceType })),
      ]),
    );
  }
  return view;
}
