import { AuthError, NonRetryableError, RateLimitedError, RetryableError, parseActionInput } from '@tripline/connector-sdk';
import { slackConnectionSchema } from '../connection/slack-connection';
import { startFakeSlack, type FakeSlack } from '../test-support/fake-slack-server';
import { postWebhookMessageAction } from './post-webhook-message.action';

let slack: FakeSlack;

beforeEach(async () => {
  slack = await startFakeSlack({ burstPerChannelPerSecond: 2 });
});
afterEach(() => slack.close());

function post(input: unknown, webhookUrl = slack.webhookUrl) {
  const auth = slackConnectionSchema.parse({ webhookUrl, allowLoopbackUrls: true });
  return postWebhookMessageAction.run({ auth, input: parseActionInput(postWebhookMessageAction, input), idempotencyKey: 'k' });
}

describe('postWebhookMessage', () => {
  it('posts text and blocks as JSON to the webhook; Slack answers 200 "ok"', async () => {
    const blocks = [{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: 'score *82*' } }];
    await expect(post({ text: 'Acme is a High-tier PQL', blocks })).resolves.toEqual({ delivered: true });
    expect(slack.messages).toEqual([expect.objectContaining({ channel: 'C0PQLALERT', text: 'Acme is a High-tier PQL', blocks, via: 'incomingWebhook' })]);
    expect(slack.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('maps a removed webhook (404 no_service) to AuthError without naming the URL', async () => {
    const error = (await post({ text: 'x' }, slack.removedWebhookUrl).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe(
      'Slack incoming webhook answered 404: no_service (the webhook was removed or disabled; add a new one to the connection)',
    );
    expect(error.message).not.toContain('FakeHookSecret');
  });

  it('maps an archived channel (410) and a refused payload (400) to non-retryable errors', async () => {
    const archived = await post({ text: 'x' }, slack.archivedChannelWebhookUrl).catch((caught: unknown) => caught);
    expect(archived).toBeInstanceOf(NonRetryableError);
    expect((archived as Error).message).toBe('Slack incoming webhook answered 410 Gone: channel_is_archived');

    slack.failNext({ status: 400, body: 'invalid_payload' });
    const invalid = await post({ text: 'x' }).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(NonRetryableError);
    expect((invalid as Error).message).toBe('Slack incoming webhook answered 400 Bad Request: invalid_payload');
  });

  it('maps 403 action_prohibited to non-retryable and 403 invalid_token to auth', async () => {
    slack.failNext({ status: 403, body: 'action_prohibited' });
    const prohibited = await post({ text: 'x' }).catch((caught: unknown) => caught);
    expect(prohibited).toBeInstanceOf(NonRetryableError);
    expect(prohibited).not.toBeInstanceOf(AuthError);
    slack.failNext({ status: 403, body: 'invalid_token' });
    await expect(post({ text: 'x' })).rejects.toThrow(AuthError);
  });

  it('maps 500 rollup_error to retryable, and the per-channel limit to RateLimitedError', async () => {
    slack.failNext({ status: 500, body: 'rollup_error' });
    await expect(post({ text: 'x' })).rejects.toThrow(RetryableError);

    await post({ text: '1' });
    await post({ text: '2' });
    const limited = await post({ text: '3' }).catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it('needs a webhook URL on the connection', async () => {
    const auth = slackConnectionSchema.parse({ botToken: slack.botToken });
    const input = parseActionInput(postWebhookMessageAction, { text: 'x' });
    await expect(postWebhookMessageAction.run({ auth, input, idempotencyKey: 'k' })).rejects.toThrow('has no incoming webhook URL');
  });
});
