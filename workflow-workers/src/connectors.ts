import { createRegistry, type ConnectorRegistry } from '@tripline/connector-sdk';
import { emailConnector } from '@tripline/connector-email';

/** The connectors this worker can run. */
export function defaultConnectors(): ConnectorRegistry {
  return createRegistry([emailConnector]);
}
