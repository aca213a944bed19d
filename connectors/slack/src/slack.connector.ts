import { defineConnector } from '@tripline/connector-sdk';
import { slackAuth } from './connection/slack-auth';
import { postWebhookMessageAction } from './incoming-webhook/post-webhook-message.action';
import { postMessageAction } from './messages/post-message.action';
import { SLACK_CONNECTOR_VERSION } from './version';

/**
 * Slack allows about one message per second per channel (chat.postMessage's special tier, and
 * incoming webhooks alike), with short bursts. The task queue is held to one a second across all
 * workers: per connector rather than per channel, which is stricter but never over the limit.
 */
export const SLACK_MESSAGES_PER_SECOND = 1;

export const slackConnector = defineConnector({
  name: 'slack',
  version: SLACK_CONNECTOR_VERSION,
  displayName: 'Slack',
  auth: slackAuth,
  actions: [postMessageAction, postWebhookMessageAction],
  rateLimit: { perSecond: SLACK_MESSAGES_PER_SECOND },
});
