export { segmentConnector } from './segment.connector';
export { SEGMENT_CONNECTOR_VERSION } from './version';
export { segmentAuth, segmentConfigSchema } from './segment-auth';
export type { SegmentConfig } from './segment-auth';
export { webhookDestinationTrigger } from './webhook/webhook-destination.trigger';
export { hasValidSegmentSignature, segmentSignature } from './webhook/segment-signature';
export { itemsFromSegmentBody } from './webhook/calls-from-body';
