import { memo } from 'react';
import type { ValidationProblem } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../../canvas/to-flow';

export interface ProblemListProps {
  problems: readonly ValidationProblem[];
  /** Show the node a problem is about. */
  onShowNode: (nodeId: string) => void;
}

function whereOf(problem: ValidationProblem): string {
  if (problem.nodeId) return problem.nodeId;
  if (problem.edgeIndex !== undefined) return `connection ${problem.edgeIndex + 1}`;
  if (problem.path?.[0] === 'trigger') return 'trigger';
  return 'playbook';
}

/** What keeps the draft from being published, found by the same validate() the API runs, as you edit. */
export const ProblemList = memo(function ProblemList({ problems, onShowNode }: ProblemListProps) {
  if (problems.length === 0) {
    return (
      <p className="problem-list-ok" role="status">
        No problems: the draft can be published.
      </p>
    );
  }
  return (
    <section className="problems problem-list" aria-label="Problems" data-testid="editor-problems">
      <h3>
        {problems.length} problem{problems.length === 1 ? '' : 's'}
      </h3>
      <ul>
        {problems.map((problem, index) => {
          const target = problem.nodeId || (problem.path?.[0] === 'trigger' ? TRIGGER_NODE_ID : undefined);
          return (
            <li key={index}>
              {target ? (
                <button type="button" className="link-button problem-where" onClick={() => onShowNode(target)} aria-label={`Show ${whereOf(problem)}`}>
                  {whereOf(problem)}
                </button>
              ) : (
                <span className="problem-where">{whereOf(problem)}</span>
              )}{' '}
              {problem.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
