import type { ScoringModel, ScoringModelProblem } from '../types';
import { modelProblem } from '../problem';

function duplicatesIn(values: readonly string[], listName: string, field: string, what: string): ScoringModelProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: ScoringModelProblem[] = [];
  values.forEach((value, index) => {
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else problems.push(modelProblem('duplicate_id', [listName, index, field], `${what} "${value}" is already used by ${listName}[${first}]`));
  });
  return problems;
}

/** Rule and component ids name contributions in score history; tier names are what triggers compare. */
export function duplicateProblems(model: ScoringModel): ScoringModelProblem[] {
  const own =
    model.kind === 'events'
      ? duplicatesIn(model.rules.map((rule) => rule.id), 'rules', 'id', 'rule id')
      : duplicatesIn(model.components.map((component) => component.id), 'components', 'id', 'component id');
  return [...own, ...duplicatesIn(model.tiers.map((tier) => tier.name), 'tiers', 'name', 'tier name')];
}
