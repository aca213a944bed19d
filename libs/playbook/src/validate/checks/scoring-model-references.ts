import type { Playbook, Trigger, ValidationProblem } from '../../dsl/types';
import { fieldProblem, nodeProblem } from '../problem';

/** A published scoring model of the workspace, as a playbook may name it. */
export interface ReferencedScoringModel {
  id: string;
  name: string;
  /** Its tier names, in order. */
  tiers: readonly string[];
}

/**
 * Problems of a playbook's references to scoring models, which validate() cannot see (it knows no
 * workspace): a score threshold, tier change or score step naming a model that is not published, and
 * a tier change into or out of a tier the model does not have. Without this check such a trigger
 * would be accepted and never fire. Pure.
 */
export function scoringModelReferenceProblems(playbook: Pick<Playbook, 'trigger' | 'nodes'>, models: readonly ReferencedScoringModel[]): ValidationProblem[] {
  const byId = new Map(models.map((model) => [model.id, model]));
  const known = models.length === 0 ? 'none is published' : `published: ${models.map((m) => `"${m.name}" (${m.id})`).join(', ')}`;
  const problems: ValidationProblem[] = [];

  const walk = (trigger: Trigger, path: (string | number)[]) => {
    if (trigger.kind === 'all' || trigger.kind === 'any') {
      trigger.triggers.forEach((leaf, index) => walk(leaf, [...path, 'triggers', index]));
      return;
    }
    if (trigger.kind !== 'scoreThreshold' && trigger.kind !== 'tierChange') return;
    const model = byId.get(trigger.model);
    if (!model) {
      problems.push(fieldProblem('unknown_model', [...path, 'model'], `no published scoring model has the id "${trigger.model}" (${known})`));
      return;
    }
    if (trigger.kind !== 'tierChange') return;
    for (const side of ['to', 'from'] as const) {
      const tier = trigger[side];
      if (tier !== undefined && !model.tiers.includes(tier)) {
        problems.push(fieldProblem('unknown_tier', [...path, side], `"${model.name}" has no tier "${tier}" (its tiers: ${model.tiers.join(', ')})`));
      }
    }
  };
  walk(playbook.trigger, ['trigger']);

  for (const [nodeId, node] of Object.entries(playbook.nodes)) {
    if (node.kind === 'score' && !byId.has(node.model)) {
      problems.push(nodeProblem('unknown_model', nodeId, `no published scoring model has the id "${node.model}" (${known})`, ['nodes', nodeId, 'model']));
    }
  }
  return problems;
}
