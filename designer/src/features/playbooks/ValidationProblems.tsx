import type { GraphqlValidationProblem } from '../../api/types';

/** The problems validatePlaybook found, each naming where it is. */
export function ValidationProblems({ problems, stale }: { problems: GraphqlValidationProblem[]; stale: boolean }) {
  if (problems.length === 0) return null;
  return (
    <div className="problems" data-testid="validation-problems">
      <h3>
        {problems.length} problem{problems.length === 1 ? '' : 's'}
        {stale && <span className="muted"> (found before your last edit)</span>}
      </h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            <span className="problem-where">{whereOf(problem)}</span> {problem.message}
            <span className="problem-code">{problem.code}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function whereOf(problem: GraphqlValidationProblem): string {
  if (problem.nodeId) return `node "${problem.nodeId}":`;
  if (problem.edgeIndex !== null && problem.edgeIndex !== undefined) return `edge ${problem.edgeIndex}:`;
  if (problem.path && problem.path.length) return `${problem.path.join('.')}:`;
  return '';
}
