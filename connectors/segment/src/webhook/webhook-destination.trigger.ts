import { defineWebhookTrigger } from '@tripline/connector-sdk';
import { z } from 'zod';
import { segmentAuth } from '../segment-auth';
import { itemsFromSegmentBody } from './calls-from-body';
import { hasValidSegmentSignature } from './segment-signature';

/**
 * Segment's (outbound) Webhooks destination pointed at `POST /v1/webhooks/<connectionId>/webhookDestination`:
 * a second way in besides the /v1 tracking API, for workspaces whose events already flow through Segment.
 */
export const webhookDestinationTrigger = defineWebhookTrigger({
  auth: segmentAuth,
  name: 'webhookDestination',
  displayName: 'Segment webhook destination',
  description: "Receives the calls Segment's Webhooks destination forwards (signed with the shared secret in X-Signature) and ingests them like /v1 calls.",
  options: z.object({}),
  verify: ({ auth, request }) => {
    const header = request.headers['x-signature'];
    if (!header) return { ok: false, status: 401, message: 'Missing X-Signature header: set a shared secret in the Segment destination settings' };
    if (!hasValidSegmentSignature(auth.sharedSecret, request.rawBody, header)) {
      return { ok: false, status: 401, message: "X-Signature does not match the body (HMAC-SHA1 with this connection's shared secret)" };
    }
    return { ok: true };
  },
  parse: ({ request, now }) => itemsFromSegmentBody(request.rawBody, now),
});
