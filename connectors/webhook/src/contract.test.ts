import { describeConnectorContract } from '@tripline/connector-testkit';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from './test-support/fake-webhook-receiver';
import { webhookConnector } from './webhook.connector';

const SECRET = 'contract-receiver-secret-0123';

describeConnectorContract<FakeWebhookReceiver>({
  connector: webhookConnector,
  startServer: () => startFakeWebhookReceiver({ secret: SECRET }),
  // The fake listens on loopback, which only allowPrivateNetworks lets a connection reach.
  connection: (server) => ({ url: `${server.url}/hooks/tripline`, secret: SECRET, allowPrivateNetworks: true }),
  badConnection: (server) => ({ url: `${server.url}/hooks/tripline`, secret: 'not-the-receivers-secret', allowPrivateNetworks: true }),
  actions: {
    send: { input: () => ({ body: { event: 'pql.escalated', account: { id: 'acme', tier: 'High', score: 82 } } }) },
  },
  faults: {
    rateLimited: { status: 429, headers: { 'Retry-After': '3' }, body: { error: 'rate_limited' } },
  },
});
