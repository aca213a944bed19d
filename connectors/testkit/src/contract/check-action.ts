import { formatIssues, parseActionInput, type ActionDefinition } from '@tripline/connector-sdk';
import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';
import { callTimeout, describeError, leakedSecrets, withServer } from './run-context';

export function contractIdempotencyKey(connector: string, action: string): string {
  return `contract:${connector}:${action}`;
}

/** Finds the action and parses its sample input; a problem instead when either is missing or wrong. */
export async function sampleInput<TServer extends FakeVendorServer>(
  spec: ConnectorContractSpec<TServer>,
  name: string,
  server: TServer,
): Promise<{ action: ActionDefinition; input: unknown } | { problem: string }> {
  const label = `${spec.connector.name}: action '${name}'`;
  const action = spec.connector.actions.find((candidate) => candidate.name === name);
  if (!action) return { problem: `${label} is not declared by the connector` };
  const contract = spec.actions?.[name];
  if (!contract) return { problem: `${label} has no sample input in the contract spec` };
  try {
    return { action, input: parseActionInput(action, await contract.input(server)) };
  } catch (error) {
    return { problem: `${label}: the spec's sample input does not match the input schema: ${describeError(error)}` };
  }
}

/** Runs the action against the fake: it calls the vendor, and its output validates against the output schema. */
export function checkActionRuns<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>, name: string): Promise<string[]> {
  const label = `${spec.connector.name}: action '${name}'`;
  return withServer(spec, async ({ server, auth }) => {
    const sample = await sampleInput(spec, name, server);
    if ('problem' in sample) return [sample.problem];
    const { action, input } = sample;
    let output: unknown;
    try {
      output = await action.run({ auth, input, idempotencyKey: contractIdempotencyKey(spec.connector.name, name), signal: callTimeout(spec) });
    } catch (error) {
      return [`${label} failed against the fake vendor: ${describeError(error)}`];
    }
    const problems: string[] = [];
    const parsed = action.output.safeParse(output);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
      problems.push(`${label}: output does not match its output schema: ${formatIssues(issues)}`);
    }
    if (server.requests.length === 0) problems.push(`${label} did not call the fake vendor (does it use the connection's base URL?)`);
    const leaked = leakedSecrets(spec.connector, auth, JSON.stringify(output) ?? '');
    if (leaked.length > 0) problems.push(`${label}: output contains the secret field(s) ${leaked.join(', ')}`);
    return problems;
  });
}

/**
 * A write action's undo takes the effect back against the fake, and a retried undo succeeds too
 * (the runtime may run it twice; "already gone" counts as done).
 */
export function checkUndo<TServer extends FakeVendorServer>(spec: ConnectorContractSpec<TServer>, name: string): Promise<string[]> {
  const label = `${spec.connector.name}: action '${name}'`;
  return withServer(spec, async ({ server, auth }) => {
    const sample = await sampleInput(spec, name, server);
    if ('problem' in sample) return [sample.problem];
    const { action, input } = sample;
    if (!action.undo) return [`${label} declares no undo`];
    const idempotencyKey = contractIdempotencyKey(spec.connector.name, name);
    let output: unknown;
    try {
      output = action.output.parse(await action.run({ auth, input, idempotencyKey, signal: callTimeout(spec) }));
    } catch (error) {
      return [`${label} failed before its undo could run: ${describeError(error)}`];
    }
    const before = server.requests.length;
    for (const attempt of ['undo', 'retried undo']) {
      try {
        await action.undo({ auth, input, output, idempotencyKey: `${idempotencyKey}:undo`, signal: callTimeout(spec) });
      } catch (error) {
        return [`${label}: ${attempt} failed against the fake vendor: ${describeError(error)}`];
      }
    }
    if (server.requests.length === before) return [`${label}: undo did not call the fake vendor`];
    return [];
  });
}
