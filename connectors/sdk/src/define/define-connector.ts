import type { ConnectorAuth } from './auth';
import type { ActionDefinition } from './define-action';
import type { TriggerDefinition } from './define-trigger';

export interface ConnectorDefinition<TAuth extends ConnectorAuth = ConnectorAuth> {
  /** Stable identifier used in playbooks (`step.connector`), e.g. "email". */
  name: string;
  /** The package version; a step records the version it was built with. */
  version: string;
  displayName: string;
  auth: TAuth;
  actions: readonly ActionDefinition[];
  /** Polling and webhook triggers: how vendor records come into Tripline (see define-trigger.ts). */
  triggers?: readonly TriggerDefinition[];
  /**
   * The vendor's limit on calls, e.g. HubSpot's 100 requests / 10 s is `{ perSecond: 10 }` and
   * Mixpanel's 60 / hour `{ perSecond: 1 / 60 }`. The worker runs the connector's activities on a
   * task queue of their own whose dispatch rate the Temporal server holds to this, across all workers.
   */
  rateLimit?: ConnectorRateLimit;
}

export interface ConnectorRateLimit {
  /** Activities started per second on the connector's task queue (fractions allowed). */
  perSecond: number;
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
  if (connector.rateLimit) checkRateLimit(connector.rateLimit, `Connector '${connector.name}'`);
  const seen = new Set<string>();
  for (const action of connector.actions) {
    if (seen.has(action.name)) {
      throw new Error(`Connector '${connector.name}' declares action '${action.name}' twice`);
    }
    seen.add(action.name);
  }
  const triggerNames = new Set<string>();
  for (const trigger of connector.triggers ?? []) {
    if (triggerNames.has(trigger.name)) throw new Error(`Connector '${connector.name}' declares trigger '${trigger.name}' twice`);
    triggerNames.add(trigger.name);
  }
  return connector;
}

/** Throws unless `perSecond` is a positive finite number; `owner` names what declared it. */
export function checkRateLimit(rateLimit: ConnectorRateLimit, owner: string): void {
  const { perSecond } = rateLimit;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new Error(`${owner} has rate limit perSecond ${String(perSecond)}; it must be a positive number (e.g. 10)`);
  }
}
