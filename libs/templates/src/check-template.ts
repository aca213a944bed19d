import { engineFor } from './engine';
import { fieldPath, isPlainObject } from './field-path';
import { DEFAULT_TEMPLATE_LIMITS } from './limits';
import { describeLiquidError } from './template-error';

export interface TemplateProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface InputTemplateProblem extends TemplateProblem {
  /** Which input field: "subject", "to[0]". */
  field: string;
}

/**
 * Parse problems of a template, without rendering it (for validation and the designer). Liquid
 * stops at the first error, so the list has at most one entry; empty means it parses.
 */
export function checkTemplate(source: string, maxSourceLength = DEFAULT_TEMPLATE_LIMITS.maxSourceLength): TemplateProblem[] {
  if (typeof source !== 'string') return [{ message: `a template must be text, got ${typeof source}` }];
  if (source.length > maxSourceLength) return [{ message: `the template is longer than ${maxSourceLength} characters` }];
  try {
    engineFor(maxSourceLength).parse(source);
    return [];
  } catch (error) {
    const failure = describeLiquidError(error, 'parse');
    const problem: TemplateProblem = { message: failure.detail };
    if (failure.line !== undefined) {
      problem.line = failure.line;
      problem.column = failure.column;
    }
    return [problem];
  }
}

/** checkTemplate() for every string inside an action input, each problem named by its field. */
export function checkInputTemplates(input: Record<string, unknown>, maxDepth = DEFAULT_TEMPLATE_LIMITS.maxInputDepth): InputTemplateProblem[] {
  const problems: InputTemplateProblem[] = [];
  const visit = (value: unknown, field: string | undefined, depth: number): void => {
    if (typeof value === 'string') {
      for (const problem of checkTemplate(value)) problems.push({ field: field ?? '', ...problem });
      return;
    }
    if (!Array.isArray(value) && !isPlainObject(value)) return;
    if (depth >= maxDepth) {
      problems.push({ field: field ?? '', message: `inputs are nested deeper than ${maxDepth} levels` });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, fieldPath(field, index), depth + 1));
    else for (const [key, item] of Object.entries(value)) visit(item, fieldPath(field, key), depth + 1);
  };
  visit(input, undefined, 0);
  return problems;
}
