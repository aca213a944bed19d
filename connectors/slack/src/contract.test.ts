import { describeConnectorContract } from '@tripline/connector-testkit';
import { slackConnector } from './slack.connector';
import { startFakeSlack, type FakeSlack } from './test-support/fake-slack-server';

describeConnectorContract<FakeSlack>({
  connector: slackConnector,
  startServer: () => startFakeSlack(),
  connection: (server) => ({
    botToken: server.botToken,
    webhookUrl: server.webhookUrl,
    apiBaseUrl: `${server.url}/api`,
    allowLoopbackUrls: true,
  }),
  badConnection: (server) => ({
    botToken: 'xoxb-0000-0000-revokedtoken',
    webhookUrl: server.webhookUrl,
    apiBaseUrl: `${server.url}/api`,
    allowLoopbackUrls: true,
  }),
  actions: {
    postMessage: { input: () => ({ channel: 'C0PQLALERT', text: 'Acme Corp is now a High-tier PQL (score 82)' }) },
    postWebhookMessage: { input: () => ({ text: 'Acme Corp is now a High-tier PQL (score 82)' }) },
  },
  faults: {
    // Slack's documented rate-limit answer: HTTP 429 with Retry-After in seconds.
    rateLimited: { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } },
  },
});
