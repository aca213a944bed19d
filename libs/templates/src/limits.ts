/** Bounds on one template render; all user-written text is rendered under these. */
export interface TemplateLimits {
  /** Longest template source, in characters (liquidjs `parseLimit`). */
  maxSourceLength: number;
  /** Longest time one template may take to render, in ms (liquidjs `renderLimit`). */
  renderTimeMs: number;
  /** Allocation budget of one render, roughly in characters / array elements (liquidjs `memoryLimit`). */
  memoryLimit: number;
  /** Longest rendered output of one template, in characters. */
  maxOutputLength: number;
  /** Time budget for all templates of one renderInput() call together, in ms. */
  inputRenderTimeMs: number;
  /** Deepest nesting of objects / arrays renderInput() walks. */
  maxInputDepth: number;
}

export const DEFAULT_TEMPLATE_LIMITS: Readonly<TemplateLimits> = Object.freeze({
  maxSourceLength: 1_000_000,
  // Wall-clock budgets: generous enough that a busy worker never fails an ordinary template (the memory
  // limit is what stops a runaway loop early); they only cap how long a hostile one can hold the worker.
  renderTimeMs: 1_000,
  memoryLimit: 10_000_000,
  maxOutputLength: 1_000_000,
  inputRenderTimeMs: 5_000,
  maxInputDepth: 32,
});

/** The defaults with the given limits laid over them (undefined entries keep the default). */
export function resolveLimits(limits: Partial<TemplateLimits> | undefined): TemplateLimits {
  const resolved: TemplateLimits = { ...DEFAULT_TEMPLATE_LIMITS };
  for (const key of Object.keys(DEFAULT_TEMPLATE_LIMITS) as (keyof TemplateLimits)[]) {
    const value = limits?.[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}
