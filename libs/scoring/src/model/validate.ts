import type { z } from 'zod';
import { componentProblems } from './checks/components';
import { duplicateProblems } from './checks/duplicates';
import { eventRuleProblems } from './checks/event-rules';
import { tierProblems } from './checks/tiers';
import { modelProblem } from './problem';
import { scoringModelSchema } from './schema';
import type { ScoringModel, ScoringModelProblem, ScoringModelValidation } from './types';
import { checkUntrustedDocument } from '@tripline/playbook';
import { SCORING_MODEL_LIMITS } from './limits';

export type ParseScoringModelResult = { ok: true; model: ScoringModel } | { ok: false; problems: ScoringModelProblem[] };

/** zod's "expected string, received undefined" becomes "is required (a string)". */
const requiredFieldMessage = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? `is required (${issue.expected})` : undefined;

function issueToProblem(issue: z.core.$ZodIssue): ScoringModelProblem {
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  if (issue.code === 'unrecognized_keys') {
    return modelProblem('schema', path, `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`);
  }
  return modelProblem('schema', path, issue.message);
}

function schemaCheck(input: unknown): ParseScoringModelResult {
  const hostile = checkUntrustedDocument(input, { what: 'model', ...SCORING_MODEL_LIMITS });
  if (hostile) return { ok: false, problems: [modelProblem('schema', hostile.path, hostile.message)] };
  // jitless: zod may otherwise compile parsers with `new Function`, which CSPs and sandboxes refuse.
  const result = scoringModelSchema.safeParse(input, { jitless: true, error: requiredFieldMessage });
  if (result.success) return { ok: true, model: result.data };
  return { ok: false, problems: result.error.issues.map(issueToProblem) };
}

function modelProblems(model: ScoringModel): ScoringModelProblem[] {
  return [
    ...duplicateProblems(model),
    ...tierProblems(model),
    ...(model.kind === 'events' ? eventRuleProblems(model) : componentProblems(model)),
  ];
}

/**
 * Every problem with a scoring model, each naming its field: shape and types first (`schema`); once
 * the shape is right, weights that do not sum to 100 (`weights_sum`), tiers out of order, overlapping
 * or not covering 0–100 (`tiers`), repeated ids (`duplicate_id`), unfinished rules and filters
 * (`missing_config`) and points × weight that is not a finite number (`points`).
 */
export function validateScoringModel(input: unknown): ScoringModelValidation {
  const parsed = schemaCheck(input);
  const problems = parsed.ok ? modelProblems(parsed.model) : parsed.problems;
  return { ok: problems.length === 0, problems };
}

/** The model, typed, when validateScoringModel() finds nothing wrong; otherwise its problems. */
export function parseScoringModel(input: unknown): ParseScoringModelResult {
  const parsed = schemaCheck(input);
  if (!parsed.ok) return parsed;
  const problems = modelProblems(parsed.model);
  return problems.length === 0 ? parsed : { ok: false, problems };
}
