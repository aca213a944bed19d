export { WEBHOOK_DELIVERIES_PER_SECOND, webhookConnector } from './webhook.connector';
export { WEBHOOK_CONNECTOR_VERSION } from './version';
export { sendWebhookAction, sendWebhookInput, sendWebhookOutput } from './send/send-webhook.action';
export type { SendWebhookInput, SendWebhookOutput } from './send/send-webhook.action';
export { PING_EVENT_TYPE, webhookAuth } from './connection/webhook-auth';
export { webhookConnectionSchema } from './connection/webhook-connection';
export type { WebhookConnection } from './connection/webhook-connection';
export {
  DEFAULT_TOLERANCE_SECONDS,
  IDEMPOTENCY_KEY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  computeTriplineSignature,
  signatureHeaders,
  verifyTriplineSignature,
} from './signature/tripline-signature';
export type { SignatureVerification } from './signature/tripline-signature';
export { blockedAddressReason } from './network/blocked-addresses';
export { BlockedAddressError } from './network/resolve-checked-address';
export { MAX_REDIRECTS, safeFetch } from './network/safe-fetch';
export type { SafeFetchOptions, SafeFetchRequest, SafeFetchResponse } from './network/safe-fetch';
