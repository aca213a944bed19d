import { parseConnectionConfig } from '@tripline/connector-sdk';
import { slackConnector } from '../slack.connector';
import { DEFAULT_SLACK_API_BASE_URL, slackConnectionSchema } from './slack-connection';

const HOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

describe('slackConnectionSchema', () => {
  it('takes a bot token, a webhook URL or both, defaulting to Slack’s Web API', () => {
    expect(slackConnectionSchema.parse({ botToken: 'xoxb-123-456-abc' })).toEqual({
      botToken: 'xoxb-123-456-abc',
      apiBaseUrl: DEFAULT_SLACK_API_BASE_URL,
      allowLoopbackUrls: false,
    });
    expect(slackConnectionSchema.parse({ webhookUrl: HOOK }).webhookUrl).toBe(HOOK);
    expect(slackConnectionSchema.safeParse({ botToken: 'xoxe.xoxb-1-abc', webhookUrl: HOOK }).success).toBe(true);
  });

  it('needs at least one of them, and a token that looks like one', () => {
    expect(() => parseConnectionConfig(slackConnector, {})).toThrow('botToken: Give a bot token, an incoming webhook URL, or both');
    expect(() => parseConnectionConfig(slackConnector, { botToken: 'sk_live_123' })).toThrow('botToken: A Slack token starts with xoxb-');
  });

  it('holds webhook URLs to hooks.slack.com/services/T…/B…/… without repeating the URL', () => {
    for (const url of [
      'https://hooks.example.com/services/T0/B0/abc',
      'http://hooks.slack.com/services/T0/B0/abc',
      'https://hooks.slack.com/triggers/T0/123/abc',
      'https://hooks.slack.com/services/T0/B0/abc?x=1',
      'http://127.0.0.1:8080/services/T0/B0/abc',
      'not a url',
    ]) {
      const result = slackConnectionSchema.safeParse({ webhookUrl: url });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error!.issues)).not.toContain(url);
    }
    expect(() => parseConnectionConfig(slackConnector, { webhookUrl: 'https://evil.example/services/T0/B0/abc' })).toThrow(
      'webhookUrl: Not a Slack webhook host',
    );
  });

  it('reaches a loopback fake only with allowLoopbackUrls, and never any other host', () => {
    const fake = { webhookUrl: 'http://127.0.0.1:8080/services/T0/B0/abc', apiBaseUrl: 'http://127.0.0.1:8080/api' };
    expect(slackConnectionSchema.safeParse(fake).success).toBe(false);
    expect(slackConnectionSchema.safeParse({ ...fake, allowLoopbackUrls: true }).success).toBe(true);
    expect(slackConnectionSchema.safeParse({ ...fake, webhookUrl: 'http://localhost:1/services/T0/B0/abc', allowLoopbackUrls: true }).success).toBe(true);
    const elsewhere = slackConnectionSchema.safeParse({ botToken: 'xoxb-1', apiBaseUrl: 'https://api.example.com/api', allowLoopbackUrls: true });
    expect(elsewhere.error?.issues[0]).toMatchObject({ path: ['apiBaseUrl'], message: expect.stringContaining('not https://api.example.com') });
  });
});
