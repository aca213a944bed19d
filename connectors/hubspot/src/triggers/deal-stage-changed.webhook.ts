import { InvalidInputError, defineWebhookTrigger, type TriggerItem } from '@tripline/connector-sdk';
import { z } from 'zod';
import { hubspotAuth } from '../auth/hubspot-auth';
import { webhookSecretOf } from '../auth/hubspot-config';
import { dealStageChangeItem } from './deal-stage-change';
import { verifySignatureV3 } from './webhook-signature';

export const dealStageWebhookOptions = z.object({
  /** Only changes into these stages (internal stage ids, e.g. "closedwon"); all when empty. */
  toStages: z.array(z.string().min(1)).default([]),
});

// One notification of HubSpot's webhook body (a JSON array of up to 100). Fields not used are kept loose.
const notification = z
  .object({
    eventId: z.number().optional(),
    subscriptionType: z.string().optional(),
    eventType: z.string().optional(),
    portalId: z.number().optional(),
    occurredAt: z.number().int(),
    objectId: z.union([z.number(), z.string()]),
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().optional(),
    changeSource: z.string().optional(),
  })
  .passthrough();

const DEALS_OBJECT_TYPE_ID = '0-3';

function isDealStageChange(event: z.output<typeof notification>): boolean {
  const type = event.subscriptionType ?? event.eventType;
  const aboutDeals = type === 'deal.propertyChange' || (type === 'object.propertyChange' && event.objectTypeId === DEALS_OBJECT_TYPE_ID);
  return aboutDeals && event.propertyName === 'dealstage' && typeof event.propertyValue === 'string';
}

export const dealStageChangedWebhook = defineWebhookTrigger({
  auth: hubspotAuth,
  name: 'dealStageChanged',
  displayName: 'Deal stage changed (webhook)',
  description: "HubSpot calls Tripline when a deal's stage changes (subscribe the app to deal.propertyChange for dealstage). Signature v3 checked.",
  options: dealStageWebhookOptions,
  verify({ auth, request, now }) {
    return verifySignatureV3({
      secret: webhookSecretOf(auth),
      method: request.method,
      url: request.url,
      rawBody: request.rawBody,
      signature: request.headers['x-hubspot-signature-v3'],
      timestamp: request.headers['x-hubspot-request-timestamp'],
      now,
    });
  },
  parse({ options, request }) {
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw new InvalidInputError('The HubSpot webhook body is not JSON', [{ field: '', message: 'Expected a JSON array of notifications' }]);
    }
    const parsed = z.array(notification).safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
      throw new InvalidInputError(`The HubSpot webhook body is not a list of notifications: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, issues);
    }
    const items = new Map<string, TriggerItem>();
    for (const event of parsed.data) {
      // Other subscriptions may share the app's one target URL: they are acknowledged and skipped.
      if (!isDealStageChange(event)) continue;
      const toStage = event.propertyValue!;
      if (options.toStages.length > 0 && !options.toStages.includes(toStage)) continue;
      const item = dealStageChangeItem({
        dealId: String(event.objectId),
        toStage,
        changedAt: event.occurredAt,
        record: {
          hs_object_id: String(event.objectId),
          dealstage: toStage,
          ...(event.portalId !== undefined ? { portalId: event.portalId } : {}),
          ...(event.changeSource ? { changeSource: event.changeSource } : {}),
        },
      });
      // HubSpot may deliver one notification twice (even in one batch).
      items.set(item.id, item);
    }
    return [...items.values()];
  },
});
