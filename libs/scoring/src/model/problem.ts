import type { ScoringModelProblem } from './types';

/** "rules[2].cap.count", "components[0].weight": the field a problem is about, as people read it. */
export function formatModelPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? 'model' : out;
}

/** A problem whose message starts with the field it is about, so it reads well on its own. */
export function modelProblem(code: ScoringModelProblem['code'], path: (string | number)[], message: string): ScoringModelProblem {
  return { code, message: `${formatModelPath(path)}: ${message}`, path };
}
