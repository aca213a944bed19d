import { classifyError, defineAuth } from '@tripline/connector-sdk';
import { deliver } from '../send/deliver';
import { errorForResponse } from '../send/response-error';
import { webhookConnectionSchema } from './webhook-connection';

/** The body of the test delivery sent when a connection is saved or tested. */
export const PING_EVENT_TYPE = 'tripline.ping';

/**
 * Testing a webhook connection sends the receiver a signed `tripline.ping` through the same guarded
 * path as every delivery: a receiver that checks signatures answers 2xx only if both sides hold
 * the same secret, and an address the connection may not reach fails here already.
 */
export const webhookAuth = defineAuth({
  kind: 'apiKey',
  config: webhookConnectionSchema,
  secretFields: ['secret'],
  async test(config) {
    const body = Buffer.from(JSON.stringify({ type: PING_EVENT_TYPE, sentAt: new Date().toISOString() }));
    try {
      const response = await deliver(config, { url: config.url, method: 'POST', body });
      const error = errorForResponse(response, 'POST');
      return error ? { ok: false, message: error.message } : { ok: true };
    } catch (error) {
      return { ok: false, message: classifyError(error).message };
    }
  },
});
