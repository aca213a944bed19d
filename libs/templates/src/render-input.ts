import type { OutputEscape } from './engine';
import { fieldPath, isPlainObject } from './field-path';
import { resolveLimits, type TemplateLimits } from './limits';
import { renderTemplate } from './render-template';
import { TemplateError } from './template-error';

interface Walk {
  limits: TemplateLimits;
  context: object;
  deadline: number;
  htmlFields: ReadonlySet<string>;
}

export interface RenderInputOptions {
  /**
   * Top-level input fields whose templates produce HTML (an email's `html`): their `{{ … }}` output
   * is HTML-escaped (see engine.ts), everything else renders as written.
   */
  htmlFields?: readonly string[];
}

function renderValue(value: unknown, field: string | undefined, depth: number, walk: Walk, escape: OutputEscape = 'none'): unknown {
  if (typeof value === 'string') {
    const remaining = walk.deadline - Date.now();
    if (remaining <= 0) {
      throw new TemplateError({ reason: 'limit', detail: `rendering all inputs took longer than ${walk.limits.inputRenderTimeMs} ms` }, field);
    }
    return renderTemplate(value, walk.context, { ...walk.limits, renderTimeMs: Math.min(walk.limits.renderTimeMs, remaining), field, escape });
  }
  const isContainer = Array.isArray(value) || isPlainObject(value);
  if (!isContainer) return value;
  if (depth >= walk.limits.maxInputDepth) {
    throw new TemplateError({ reason: 'limit', detail: `inputs are nested deeper than ${walk.limits.maxInputDepth} levels` }, field);
  }
  if (Array.isArray(value)) return value.map((item, index) => renderValue(item, fieldPath(field, index), depth + 1, walk, escape));
  // fromEntries defines own properties, so a key named "__proto__" stays data, never a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const itemEscape = depth === 0 && walk.htmlFields.has(key) ? 'html' : escape;
      return [key, renderValue(item, fieldPath(field, key), depth + 1, walk, itemEscape)];
    }),
  );
}

/**
 * Renders every string in an action's input as a template (deeply: arrays and objects too),
 * leaving numbers, booleans and null as they are. Returns a new object; throws TemplateError
 * naming the first field that failed ("subject", "to[1]"). Fields named in `htmlFields` are
 * rendered with HTML escaping.
 */
export function renderInput(
  input: Record<string, unknown>,
  context: object,
  limits?: Partial<TemplateLimits>,
  options: RenderInputOptions = {},
): Record<string, unknown> {
  const resolved = resolveLimits(limits);
  const walk: Walk = { limits: resolved, context, deadline: Date.now() + resolved.inputRenderTimeMs, htmlFields: new Set(options.htmlFields ?? []) };
  return renderValue(input, undefined, 0, walk) as Record<string, unknown>;
}
