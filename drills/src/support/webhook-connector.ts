/** The webhook connector's pieces the SSRF drill drives (its public API plus the SDK's input parser). */
export { BlockedAddressError, blockedAddressReason, safeFetch, sendWebhookAction, webhookConnectionSchema } from '@tripline/connector-webhook';
export { parseActionInput } from '@tripline/connector-sdk';
