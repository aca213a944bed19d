import { NonRetryableError, defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { slackAuth } from '../connection/slack-auth';
import { messageContent } from '../messages/message-content';
import { WEB_API_TIMEOUT_MS } from '../web-api/call-web-api';
import { errorFromWebhookAnswer } from './webhook-errors';

export const postWebhookMessageInput = z.object({ ...messageContent });

export const postWebhookMessageOutput = z.object({
  /** Slack answered 200 "ok": the message is in the webhook's channel. */
  delivered: z.literal(true),
});

export type PostWebhookMessageInput = z.output<typeof postWebhookMessageInput>;

export const postWebhookMessageAction = defineAction({
  auth: slackAuth,
  name: 'postWebhookMessage',
  displayName: 'Post to Slack (incoming webhook)',
  description: 'Posts a message to the channel the connection’s incoming webhook was created for.',
  effect: 'write',
  // An incoming webhook returns no message ts, so the message cannot be found to delete it.
  irreversible: true,
  outreach: 'slack',
  input: postWebhookMessageInput,
  output: postWebhookMessageOutput,
  async run({ auth: connection, input, signal }) {
    if (!connection.webhookUrl) {
      throw new NonRetryableError('This Slack connection has no incoming webhook URL; use postMessage (bot token) or add a webhook URL');
    }
    const timeout = AbortSignal.timeout(WEB_API_TIMEOUT_MS);
    const response = await fetch(connection.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: input.text, ...(input.blocks ? { blocks: input.blocks } : {}) }),
      redirect: 'error',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = await response.text();
    if (response.status !== 200) throw errorFromWebhookAnswer(response, body);
    return { delivered: true as const };
  },
});
