import { memo } from 'react';

/** Validation problems shown on the node they concern. */
export const NodeProblems = memo(function NodeProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="flow-node-problems">
      {problems.map((problem, index) => (
        <li key={index}>{problem}</li>
      ))}
    </ul>
  );
});
