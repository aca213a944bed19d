import { Global, Module } from '@nestjs/common';
import { createRegistry, type ConnectorRegistry } from '@tripline/connector-sdk';
import { emailConnector } from '@tripline/connector-email';
import { hubspotConnector } from '@tripline/connector-hubspot';
import { mixpanelConnector } from '@tripline/connector-mixpanel';
import { salesforceConnector } from '@tripline/connector-salesforce';
import { segmentConnector } from '@tripline/connector-segment';
import { slackConnector } from '@tripline/connector-slack';
import { webhookConnector } from '@tripline/connector-webhook';

/**
 * The connectors the API knows: the catalogue, connection tests, webhook triggers and polling
 * schedules read them. The same list as the worker's (workflow-workers/src/connectors.ts) — a test
 * (backend/test/connections-catalogue.test.ts) fails when the two drift apart.
 */
export function defaultConnectorRegistry(): ConnectorRegistry {
  return createRegistry([emailConnector, hubspotConnector, mixpanelConnector, salesforceConnector, segmentConnector, slackConnector, webhookConnector]);
}

/** DI token of the ConnectorRegistry (tests override it with connectors of their own). */
export const CONNECTOR_REGISTRY = Symbol('CONNECTOR_REGISTRY');

@Global()
@Module({
  providers: [{ provide: CONNECTOR_REGISTRY, useFactory: defaultConnectorRegistry }],
  exports: [CONNECTOR_REGISTRY],
})
export class ConnectorRegistryModule {}
