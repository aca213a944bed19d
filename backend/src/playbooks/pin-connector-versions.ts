/**
 * At publish, every action step is pinned to the connector version it was built with: a step that
 * names no version gets the installed one, and a step built with another major version (a breaking
 * change of the connector) is refused, as is a connector or action that is not installed. Pure.
 */
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import type { Playbook, ValidationProblem } from '@tripline/playbook';

const majorOf = (version: string) => version.split('.')[0];

export function pinConnectorVersions(playbook: Playbook, registry: ConnectorRegistry): { playbook: Playbook; problems: ValidationProblem[] } {
  const installed = new Map(registry.list().map((connector) => [connector.name, connector]));
  const problems: ValidationProblem[] = [];
  const nodes: Playbook['nodes'] = {};
  for (const [nodeId, step] of Object.entries(playbook.nodes)) {
    nodes[nodeId] = step;
    if (step.kind !== 'action') continue;
    const connector = installed.get(step.connector);
    const problem = (message: string) => problems.push({ code: 'missing_config', nodeId, path: ['nodes', nodeId, 'connector'], message: `node "${nodeId}": ${message}` });
    if (!connector) {
      problem(`connector "${step.connector}" is not installed (installed: ${[...installed.keys()].join(', ')})`);
      continue;
    }
    if (!connector.actions.some((action) => action.name === step.action)) {
      problem(`connector "${step.connector}" has no action "${step.action}" (its actions: ${connector.actions.map((action) => action.name).join(', ')})`);
      continue;
    }
    if (step.connectorVersion !== undefined && majorOf(step.connectorVersion) !== majorOf(connector.version)) {
      problem(`was built with ${step.connector} ${step.connectorVersion}; the installed ${step.connector} is ${connector.version}, a different major version`);
      continue;
    }
    if (step.connectorVersion === undefined) nodes[nodeId] = { ...step, connectorVersion: connector.version };
  }
  return { playbook: { ...playbook, nodes }, problems };
}
