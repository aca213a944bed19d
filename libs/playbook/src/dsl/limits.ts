/**
 * Size caps for a playbook. They keep validation, interpretation and the designer fast, and keep a
 * hostile document (huge, deeply nested) from exhausting memory or the stack of whoever reads it.
 */
export const PLAYBOOK_LIMITS = {
  maxNodes: 500,
  maxEdges: 2000,
  maxIdLength: 100,
  maxNameLength: 200,
  maxDescriptionLength: 5000,
  maxLabelLength: 200,
  maxPropertyPathLength: 200,
  maxPropertyPathSegments: 10,
  /** Rules and groups inside one filter group. */
  maxFilterGroupSize: 100,
  /** Elements of an `in` / `notIn` list. */
  maxFilterValues: 500,
  maxStringValueLength: 1000,
  maxSplitVariants: 20,
  maxAssignees: 50,
  maxActionInputKeys: 100,
  /** Nesting of the whole JSON document (filters and action inputs included). */
  maxJsonDepth: 40,
  /** Longest string anywhere in the document (a template body, say): 1 MB. */
  maxJsonStringLength: 1_000_000,
  /** All values in the document, counted one by one. */
  maxJsonValues: 200_000,
  /** Children of one all / any trigger, and how deep those may nest. */
  maxTriggerChildren: 20,
  maxTriggerDepth: 5,
  /** The longest window a trigger may look back: it bounds the aggregates kept per subject. */
  maxWindowDays: 366,
} as const;

/** Node ids are written by the designer and appear in workflow ids, logs and URLs. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Keys that could reach an object's prototype if used as property names. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);
