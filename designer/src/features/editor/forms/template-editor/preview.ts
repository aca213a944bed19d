/**
 * Template previews in the browser, with @tripline/templates itself: the same LiquidJS engine,
 * settings and render limits (source length, time, memory, output) as runs, so what renders here
 * renders there. Liquid is a template language with no access to JavaScript: nothing a person
 * writes is evaluated as code.
 */
import { renderTemplate, TemplateError, type OutputEscape } from '@tripline/templates';

export type TemplatePreview =
  | { ok: true; text: string }
  | { ok: false; reason: 'parse' | 'render' | 'limit'; message: string; line?: number; column?: number };

/** Whether text uses Liquid at all (`{{ … }}` or `{% … %}`); plain text is sent as written. */
export function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

export function previewTemplate(source: string, context: object, escape: OutputEscape = 'none'): TemplatePreview {
  try {
    return { ok: true, text: renderTemplate(source, context, { escape }) };
  } catch (error) {
    if (error instanceof TemplateError) {
      const failure: TemplatePreview = { ok: false, reason: error.reason, message: error.message };
      if (error.line !== undefined) {
        failure.line = error.line;
        if (error.column !== undefined) failure.column = error.column;
      }
      return failure;
    }
    return { ok: false, reason: 'render', message: error instanceof Error ? error.message : String(error) };
  }
}
