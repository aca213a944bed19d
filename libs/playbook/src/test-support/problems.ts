import type { ValidationProblem } from '../dsl/types';
import { validate } from '../validate/validate';

/** The identifying part of each problem validate() finds: code and node / edge. */
export function problemsOf(input: unknown): Pick<ValidationProblem, 'code' | 'nodeId' | 'edgeIndex'>[] {
  return validate(input).problems.map(({ code, nodeId, edgeIndex }) => ({
    code,
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(edgeIndex === undefined ? {} : { edgeIndex }),
  }));
}

export function messagesOf(input: unknown): string[] {
  return validate(input).problems.map((problem) => problem.message);
}
