import type { z } from 'zod';
import { checkUntrustedDocument } from './untrusted-document';
import { playbookSchema } from './schema';
import type { Playbook, ValidationProblem } from './types';

export type ParsePlaybookResult = { ok: true; playbook: Playbook } | { ok: false; problems: ValidationProblem[] };

/** "nodes.send-email.input.to", "edges[2].from": the field a problem is about, as people read it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? 'playbook' : out;
}

/** The node a schema problem sits in, when its path goes through `nodes.<id>` or `layout.<id>`. */
function nodeIdOf(path: readonly (string | number)[]): string | undefined {
  if ((path[0] === 'nodes' || path[0] === 'layout') && typeof path[1] === 'string') return path[1];
  return undefined;
}

function toProblem(path: (string | number)[], message: string): ValidationProblem {
  const problem: ValidationProblem = { code: 'schema', message: `${formatPath(path)}: ${message}`, path };
  const nodeId = nodeIdOf(path);
  if (nodeId !== undefined) problem.nodeId = nodeId;
  if (path[0] === 'edges' && typeof path[1] === 'number') problem.edgeIndex = path[1];
  return problem;
}

/** zod's "expected string, received undefined" becomes "is required (a string)". */
const requiredFieldMessage = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined
    ? `is required (${issue.expected === 'record' ? 'object' : issue.expected})`
    : undefined;

function issueToProblem(issue: z.core.$ZodIssue): ValidationProblem {
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  if (issue.code === 'invalid_key') {
    return toProblem(path, issue.issues.map((inner) => inner.message).join('; '));
  }
  if (issue.code === 'unrecognized_keys') {
    return toProblem(path, `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`);
  }
  return toProblem(path, issue.message);
}

/**
 * Checks that `input` has the shape of a playbook (schemaVersion 1). Every problem names the field
 * it concerns (`path`, and `nodeId` / `edgeIndex` when it lies inside a node or an edge).
 */
export function parsePlaybook(input: unknown): ParsePlaybookResult {
  const hostile = checkUntrustedDocument(input);
  if (hostile) return { ok: false, problems: [toProblem(hostile.path, hostile.message)] };
  // jitless: zod may otherwise compile parsers with `new Function`, which CSPs and sandboxes refuse.
  const result = playbookSchema.safeParse(input, { jitless: true, error: requiredFieldMessage });
  if (result.success) return { ok: true, playbook: result.data };
  return { ok: false, problems: result.error.issues.map(issueToProblem) };
}
