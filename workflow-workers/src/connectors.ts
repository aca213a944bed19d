import { createRegistry, type ConnectorRegistry } from '@tripline/connector-sdk';
import { emailConnector } from '@tripline/connector-email';
import { hubspotConnector } from '@tripline/connector-hubspot';
import { mixpanelConnector } from '@tripline/connector-mixpanel';
import { salesforceConnector } from '@tripline/connector-salesforce';
import { segmentConnector } from '@tripline/connector-segment';
import { slackConnector } from '@tripline/connector-slack';
import { webhookConnector } from '@tripline/connector-webhook';

/** The connectors this worker can run. */
export function defaultConnectors(): ConnectorRegistry {
  return createRegistry([emailConnector, hubspotConnector, mixpanelConnector, salesforceConnector, segmentConnector, slackConnector, webhookConnector]);
}
