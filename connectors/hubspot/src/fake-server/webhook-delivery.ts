import type { WebhookRequest } from '@tripline/connector-sdk';
import { signatureV3 } from '../triggers/webhook-signature';

/** One `deal.propertyChange` notification for `dealstage`, as HubSpot's webhooks API sends it. */
export function dealStageNotification(args: { dealId: string | number; stage: string; occurredAt: number; eventId?: number; portalId?: number; attemptNumber?: number }) {
  return {
    eventId: args.eventId ?? 100 + Number(args.dealId),
    subscriptionId: 4242,
    portalId: args.portalId ?? 62515,
    appId: 54321,
    occurredAt: args.occurredAt,
    subscriptionType: 'deal.propertyChange',
    attemptNumber: args.attemptNumber ?? 0,
    objectId: Number(args.dealId),
    propertyName: 'dealstage',
    propertyValue: args.stage,
    changeSource: 'CRM_UI',
    sourceId: 'userId:77001',
  };
}

/**
 * A webhook request signed the way HubSpot signs deliveries (X-HubSpot-Signature-v3 over method,
 * URL, body and X-HubSpot-Request-Timestamp), for tests of the receiving side.
 */
export function hubspotWebhookRequest(args: { secret: string; url: string; notifications: unknown[]; timestamp: number; method?: string }): WebhookRequest {
  const rawBody = Buffer.from(JSON.stringify(args.notifications), 'utf8');
  const method = args.method ?? 'POST';
  const timestamp = String(args.timestamp);
  return {
    method,
    url: args.url,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-signature-v3': signatureV3({ secret: args.secret, method, url: args.url, rawBody, timestamp }),
    },
    rawBody,
  };
}
