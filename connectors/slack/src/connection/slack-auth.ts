import { classifyError, defineAuth } from '@tripline/connector-sdk';
import { callWebApi } from '../web-api/call-web-api';
import { slackConnectionSchema } from './slack-connection';

/**
 * A bot token is checked with auth.test (it answers who the token is, posting nothing). An incoming
 * webhook URL has no such check short of posting a message, so its shape is what the config schema
 * checks (hooks.slack.com/services/T…/B…/…); a revoked one shows up as AuthError on the first post.
 */
export const slackAuth = defineAuth({
  kind: 'apiKey',
  config: slackConnectionSchema,
  secretFields: ['botToken', 'webhookUrl'],
  async test(config) {
    if (!config.botToken) return { ok: true };
    try {
      await callWebApi(config, 'auth.test', {});
      return { ok: true };
    } catch (error) {
      return { ok: false, message: classifyError(error).message };
    }
  },
});
