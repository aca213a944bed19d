import type { Template } from 'liquidjs';
import { engineFor, type OutputEscape } from './engine';
import { resolveLimits, type TemplateLimits } from './limits';
import { describeLiquidError, TemplateError } from './template-error';

export interface RenderTemplateOptions extends Partial<TemplateLimits> {
  /** The field the template belongs to, named in errors ("subject", "to[0]"). */
  field?: string;
  /** 'html' escapes every `{{ … }}` output (the template itself is markup); default 'none'. */
  escape?: OutputEscape;
}

function parse(source: string, limits: TemplateLimits, field: string | undefined, escape: OutputEscape): Template[] {
  if (source.length > limits.maxSourceLength) {
    throw new TemplateError({ reason: 'limit', detail: `the template is longer than ${limits.maxSourceLength} characters` }, field);
  }
  try {
    return engineFor(limits.maxSourceLength, escape).parse(source);
  } catch (error) {
    throw new TemplateError(describeLiquidError(error, 'parse'), field);
  }
}

/**
 * The render's top-level variables: a copy of the context's own properties on an object without a
 * prototype. liquidjs' increment/decrement write to (and print) this object, so on the context itself
 * `{% increment __proto__ %}` printed Object.prototype ("[object Object]") and `{% increment person %}`
 * overwrote the run's person for the next field (found by the hostile-template drill).
 */
function topLevelScope(context: object): object {
  return Object.assign(Object.create(null) as object, context);
}

/**
 * Renders one LiquidJS template against `context` (the run's event, person, account), within the
 * limits: bounded source, time, allocations and output. Missing variables render as empty text.
 * Throws TemplateError naming the field and the cause.
 */
export function renderTemplate(source: string, context: object, options: RenderTemplateOptions = {}): string {
  const { field, escape = 'none', ...given } = options;
  const limits = resolveLimits(given);
  if (typeof source !== 'string') {
    throw new TemplateError({ reason: 'parse', detail: `a template must be text, got ${typeof source}` }, field);
  }
  const templates = parse(source, limits, field, escape);
  let output: unknown;
  try {
    output = engineFor(limits.maxSourceLength, escape).renderSync(templates, topLevelScope(context), {
      renderLimit: limits.renderTimeMs,
      memoryLimit: limits.memoryLimit,
      ownPropertyOnly: true,
    });
  } catch (error) {
    throw new TemplateError(describeLiquidError(error, 'render'), field);
  }
  const text = String(output);
  if (text.length > limits.maxOutputLength) {
    throw new TemplateError({ reason: 'limit', detail: `the output is longer than ${limits.maxOutputLength} characters` }, field);
  }
  return text;
}
