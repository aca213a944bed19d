import type { ValidationProblem } from '@tripline/playbook';
import { problemText } from './node-problems';

/** The live validation problems of what the panel shows, at its top: what to fix before publishing. */
export function InspectorProblems({ problems, what }: { problems: readonly ValidationProblem[]; what: string }) {
  if (problems.length === 0) return null;
  return (
    <section className="inspector-problems" aria-label={`Problems with this ${what}`}>
      <strong>
        {problems.length} problem{problems.length === 1 ? '' : 's'} to fix
      </strong>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{problemText(problem)}</li>
        ))}
      </ul>
    </section>
  );
}
