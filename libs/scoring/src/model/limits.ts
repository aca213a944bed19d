/** Size caps for a scoring model: they keep validation, ingest and the designer fast on hostile input. */
export const SCORING_MODEL_LIMITS = {
  maxRules: 500,
  maxComponents: 50,
  maxTiers: 20,
  maxIdLength: 100,
  maxNameLength: 200,
  maxDescriptionLength: 5000,
  maxRationaleLength: 2000,
  maxEventNameLength: 200,
  maxCapCount: 10_000,
  /** Decay half-lives and windows, in days (ten years). */
  maxDecayDays: 3650,
  /** Component windows, in whole days. */
  maxWindowDays: 366,
  /** Nesting of the whole JSON document, filters included. */
  maxJsonDepth: 40,
  maxJsonValues: 100_000,
  maxJsonStringLength: 100_000,
} as const;

/** Rule, component and model ids: a letter or digit, then letters, digits, "_", "-", "." or ":". */
export const SCORING_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Names that could reach an object's prototype if used as keys. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);
