import { defineConnector } from '@tripline/connector-sdk';
import { webhookAuth } from './connection/webhook-auth';
import { sendWebhookAction } from './send/send-webhook.action';
import { WEBHOOK_CONNECTOR_VERSION } from './version';

/**
 * Receivers are the customer's own services, with no published limit; ten deliveries a second
 * across all workers keeps a playbook that enrolls a burst of accounts from flooding one.
 */
export const WEBHOOK_DELIVERIES_PER_SECOND = 10;

export const webhookConnector = defineConnector({
  name: 'webhook',
  version: WEBHOOK_CONNECTOR_VERSION,
  displayName: 'Webhook (outbound)',
  auth: webhookAuth,
  actions: [sendWebhookAction],
  rateLimit: { perSecond: WEBHOOK_DELIVERIES_PER_SECOND },
});
