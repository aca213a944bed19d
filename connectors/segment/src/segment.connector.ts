import { defineConnector } from '@tripline/connector-sdk';
import { segmentAuth } from './segment-auth';
import { SEGMENT_CONNECTOR_VERSION } from './version';
import { webhookDestinationTrigger } from './webhook/webhook-destination.trigger';

/**
 * Segment as a source. Its tracking API is Tripline's own /v1 ingest (write keys); this connector adds
 * the outbound Webhooks destination. No actions and no rate limit: Segment only calls us.
 */
export const segmentConnector = defineConnector({
  name: 'segment',
  version: SEGMENT_CONNECTOR_VERSION,
  displayName: 'Segment',
  auth: segmentAuth,
  actions: [],
  triggers: [webhookDestinationTrigger],
});
