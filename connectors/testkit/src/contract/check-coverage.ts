import type { FakeVendorServer } from '../fake-server/fake-types';
import type { ConnectorContractSpec } from './contract-spec';

/** The spec exercises every action and polling trigger of the connector, and names nothing else. */
export function checkCoverage(spec: ConnectorContractSpec<FakeVendorServer>): string[] {
  const { connector } = spec;
  const problems: string[] = [];
  const actionNames = new Set(connector.actions.map((action) => action.name));
  const specActions = Object.keys(spec.actions ?? {});
  const missingActions = [...actionNames].filter((name) => !specActions.includes(name));
  if (missingActions.length > 0) problems.push(`${connector.name}: the contract spec has no sample input for action(s) ${missingActions.map((n) => `'${n}'`).join(', ')}`);
  for (const name of specActions) if (!actionNames.has(name)) problems.push(`${connector.name}: the contract spec names action '${name}', which the connector does not declare`);

  const triggers = connector.triggers ?? [];
  const specTriggers = Object.keys(spec.triggers ?? {});
  const missingTriggers = triggers.filter((t) => t.kind === 'polling' && !specTriggers.includes(t.name)).map((t) => t.name);
  if (missingTriggers.length > 0) problems.push(`${connector.name}: the contract spec does not seed polling trigger(s) ${missingTriggers.map((n) => `'${n}'`).join(', ')}`);
  for (const name of specTriggers) {
    const trigger = triggers.find((t) => t.name === name);
    if (!trigger) problems.push(`${connector.name}: the contract spec names trigger '${name}', which the connector does not declare`);
    else if (trigger.kind !== 'polling') problems.push(`${connector.name}: trigger '${name}' is a webhook trigger; the contract only polls polling triggers`);
  }
  return problems;
}

/** A vendor with a documented rate limit (the spec gives its rate-limit answer) needs a declared `rateLimit`. */
export function checkRateLimitDeclared(spec: ConnectorContractSpec<FakeVendorServer>): string[] {
  if (!spec.faults?.rateLimited || spec.connector.rateLimit) return [];
  return [`${spec.connector.name}: the vendor has a rate limit (the spec gives its ${spec.faults.rateLimited.status} answer) but the connector declares no rateLimit`];
}
