import { defaultTiers, parseScoringModel, SCORING_MODEL_LIMITS, type ScoringModel } from '@tripline/scoring';
import { badUserInput } from '../graphql/errors';
import { checkJsonDocument, checkName } from '../versioning/json-document';

const MODEL_DOCUMENT = { noun: 'a scoring model', maxDepth: SCORING_MODEL_LIMITS.maxJsonDepth, maxBytes: 1024 * 1024 };

/** A JSON object of at most 1 MB, not nested too deeply; the rest is validateScoringModel()'s job at publish. */
export function checkModelDocument(definition: unknown, field = 'definition'): Record<string, unknown> {
  return checkJsonDocument(definition, field, MODEL_DOCUMENT);
}

export function checkModelName(name: unknown, field = 'name'): string {
  return checkName(name, SCORING_MODEL_LIMITS.maxNameLength, field);
}

/** 'components' for a component model, else 'events' (what an unfinished draft most likely is). */
export function kindOfDraft(draft: Record<string, unknown>): 'events' | 'components' {
  return draft.kind === 'components' ? 'components' : 'events';
}

/**
 * A new model's draft: an event model with the default tiers and no rules yet. validateScoringModel()
 * asks for a rule, so a fresh model cannot be published until an editor has said what scores.
 */
export function skeletonModel(id: string, name: string): Record<string, unknown> {
  return { schemaVersion: 1, id, version: 1, name, kind: 'events', rules: [], decay: { kind: 'halfLife', days: 30 }, rollup: 'sum', tiers: defaultTiers() };
}

/**
 * The draft as it would be published as `version`: the row's id and name stamped in, then every
 * problem checked. BAD_USER_INPUT lists them in the message (so "weights sum to 90" is read at once)
 * and in `extensions.problems`.
 */
export function publishableModel(row: { id: string; name: string; draft: Record<string, unknown> }, version: number): ScoringModel {
  const parsed = parseScoringModel({ ...row.draft, id: row.id, version, name: row.name });
  if (parsed.ok) return parsed.model;
  const count = parsed.problems.length;
  const listed = parsed.problems.slice(0, 5).map((problem) => problem.message).join('; ');
  throw badUserInput(`Scoring model has ${count} problem${count === 1 ? '' : 's'}: ${listed}${count > 5 ? '; …' : ''}`, { problems: parsed.problems });
}
