/** Test support: answers the mocked GraphQL client by operation name and records the calls. */
import { graphql } from '../../api/client';

export interface RecordedCall {
  operation: string;
  variables: Record<string, unknown>;
}

export type Answer = (variables: Record<string, unknown>) => unknown;

export function answerGraphql(answers: Record<string, Answer>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  (graphql as unknown as jest.Mock).mockReset().mockImplementation(async (query: string, variables: Record<string, unknown> = {}) => {
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?';
    calls.push({ operation, variables });
    const answer = answers[operation];
    if (!answer) throw new Error(`no answer for ${operation}`);
    return answer(variables);
  });
  return calls;
}
