import { NonRetryableError } from '../errors/connector-errors';
import type { ActionDefinition } from '../define/define-action';
import type { ConnectorDefinition } from '../define/define-connector';

export class UnknownConnectorError extends NonRetryableError {}
export class UnknownActionError extends NonRetryableError {}

/** The connectors a worker (or the designer's catalogue) knows, looked up by name. */
export interface ConnectorRegistry {
  list(): readonly ConnectorDefinition[];
  getConnector(name: string): ConnectorDefinition;
  getAction(connector: string, action: string): ActionDefinition;
}

export function createRegistry(connectors: readonly ConnectorDefinition[]): ConnectorRegistry {
  const byName = new Map<string, ConnectorDefinition>();
  for (const connector of connectors) {
    if (byName.has(connector.name)) throw new Error(`Connector '${connector.name}' is registered twice`);
    byName.set(connector.name, connector);
  }

  function getConnector(name: string): ConnectorDefinition {
    const connector = byName.get(name);
    if (!connector) {
      const known = [...byName.keys()].join(', ') || 'none';
      throw new UnknownConnectorError(`Unknown connector '${name}' (known connectors: ${known})`);
    }
    return connector;
  }

  return {
    list: () => [...byName.values()],
    getConnector,
    getAction(connectorName, actionName) {
      const connector = getConnector(connectorName);
      const action = connector.actions.find((candidate) => candidate.name === actionName);
      if (!action) {
        const known = connector.actions.map((candidate) => candidate.name).join(', ') || 'none';
        throw new UnknownActionError(
          `Connector '${connectorName}' has no action '${actionName}' (its actions: ${known})`,
        );
      }
      return action;
    },
  };
}
