import type { ConnectorAuth } from './auth';
import type { ActionDefinition } from './define-action';

export interface ConnectorDefinition<TAuth extends ConnectorAuth = ConnectorAuth> {
  /** Stable identifier used in playbooks (`step.connector`), e.g. "email". */
  name: string;
  /** The package version; a step records the version it was built with. */
  version: string;
  displayName: string;
  auth: TAuth;
  actions: readonly ActionDefinition[];
}

const CONNECTOR_NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Declares a connector: its auth and actions. Checks the declaration once, at load time. */
export function defineConnector<TAuth extends ConnectorAuth>(connector: ConnectorDefinition<TAuth>): ConnectorDefinition<TAuth> {
  if (!CONNECTOR_NAME.test(connector.name)) {
    throw new Error(`Connector name '${connector.name}' must be lower-case letters, digits and dashes (e.g. "email")`);
  }
  if (!SEMVER.test(connector.version)) {
    throw new Error(`Connector '${connector.name}' version '${connector.version}' is not a semantic version (e.g. "1.2.0")`);
  }
  const seen = new Set<string>();
  for (const action of connector.actions) {
    if (seen.has(action.name)) {
      throw new Error(`Connector '${connector.name}' declares action '${action.name}' twice`);
    }
    seen.add(action.name);
  }
  return connector;
}
