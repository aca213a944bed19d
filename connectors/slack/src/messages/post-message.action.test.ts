import { AuthError, NonRetryableError, RateLimitedError, parseActionInput } from '@tripline/connector-sdk';
import { slackAuth } from '../connection/slack-auth';
import { slackConnectionSchema, type SlackConnection } from '../connection/slack-connection';
import { startFakeSlack, type FakeSlack } from '../test-support/fake-slack-server';
import { STEP_METADATA_EVENT_TYPE, postMessageAction, type PostMessageOutput } from './post-message.action';

let slack: FakeSlack;

beforeEach(async () => {
  slack = await startFakeSlack({ burstPerChannelPerSecond: 2 });
});
afterEach(() => slack.close());

function connection(overrides: Partial<SlackConnection> = {}): SlackConnection {
  return slackConnectionSchema.parse({ botToken: slack.botToken, apiBaseUrl: `${slack.url}/api`, allowLoopbackUrls: true, ...overrides });
}

function post(input: unknown, auth = connection(), idempotencyKey = 'wf-acme:escalate') {
  return postMessageAction.run({ auth, input: parseActionInput(postMessageAction, input), idempotencyKey });
}

describe('postMessage', () => {
  it('posts with the bot token as a Bearer header, and marks the message with the step’s key', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Acme* is a High-tier PQL' } }];
    const output = await post({ channel: '#pql-alerts', text: 'Acme is a High-tier PQL', blocks });
    expect(output).toEqual({ channel: 'C0PQLALERT', ts: expect.stringMatching(/^\d+\.\d{6}$/) });

    const [request] = slack.requestsTo('POST', '/api/chat.postMessage');
    expect(request!.headers.authorization).toBe(`Bearer ${slack.botToken}`);
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request!.rawBody.toString()).not.toContain(slack.botToken);
    expect(slack.messages).toEqual([
      expect.objectContaining({
        channel: 'C0PQLALERT',
        ts: output.ts,
        text: 'Acme is a High-tier PQL',
        blocks,
        metadata: { event_type: STEP_METADATA_EVENT_TYPE, event_payload: { idempotency_key: 'wf-acme:escalate' } },
      }),
    ]);
  });

  it('replies in a thread', async () => {
    const parent = await post({ channel: 'C0PQLALERT', text: 'parent' });
    await post({ channel: 'C0PQLALERT', text: 'reply', threadTs: parent.ts });
    expect(slack.messages[1]).toMatchObject({ text: 'reply', threadTs: parent.ts });
  });

  it('maps Slack’s {ok:false} answers: auth problems, a wrong or closed channel', async () => {
    await expect(post({ channel: 'C0PQLALERT', text: 'x' }, connection({ botToken: 'xoxb-9-9-wrong' }))).rejects.toThrow(AuthError);
    await expect(post({ channel: 'C0PQLALERT', text: 'x' }, connection({ botToken: 'xoxb-9-9-wrong' }))).rejects.toThrow(
      'Slack chat.postMessage failed: invalid_auth',
    );
    const missing = await post({ channel: '#nowhere', text: 'x' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NonRetryableError);
    expect((missing as Error).message).toBe('Slack chat.postMessage failed: channel_not_found (check the channel ID; for a private channel, invite the app first)');
    await expect(post({ channel: '#sales-ops', text: 'x' })).rejects.toThrow('not_in_channel (invite the app to the channel');
    await expect(post({ channel: '#old-deals', text: 'x' })).rejects.toThrow('is_archived');
    expect(slack.messages).toHaveLength(0);
  });

  it('turns Slack’s 429 past the per-channel burst into RateLimitedError with its Retry-After', async () => {
    await post({ channel: 'C0PQLALERT', text: '1' });
    await post({ channel: 'C0PQLALERT', text: '2' });
    const limited = await post({ channel: 'C0PQLALERT', text: '3' }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(1000);
    expect((limited as Error).message).toContain('ratelimited');
    expect(slack.messages.map((message) => message.text)).toEqual(['1', '2']);
  });

  it('needs a bot token', async () => {
    const webhookOnly = slackConnectionSchema.parse({ webhookUrl: slack.webhookUrl, allowLoopbackUrls: true, apiBaseUrl: `${slack.url}/api` });
    await expect(post({ channel: 'C0PQLALERT', text: 'x' }, webhookOnly)).rejects.toThrow('needs a bot token');
  });

  it('checks the input, naming the field', () => {
    expect(() => parseActionInput(postMessageAction, { channel: 'C1', text: '  ' })).toThrow('text: A message needs text');
    expect(() => parseActionInput(postMessageAction, { channel: 'C1', text: 'x', blocks: [{ text: 'no type' }] })).toThrow('blocks.0.type');
    expect(() => parseActionInput(postMessageAction, { channel: 'C1', text: 'x', threadTs: 'yesterday' })).toThrow('threadTs');
  });
});

describe('postMessage undo', () => {
  it('deletes the posted message with chat.delete, and treats an already deleted one as undone', async () => {
    const input = parseActionInput(postMessageAction, { channel: 'C0PQLALERT', text: 'escalation' });
    const output: PostMessageOutput = await postMessageAction.run({ auth: connection(), input, idempotencyKey: 'k' });
    await expect(postMessageAction.undo!({ auth: connection(), input, output, idempotencyKey: 'k:undo' })).resolves.toEqual({ deleted: true });
    expect(slack.messages).toHaveLength(0);
    await expect(postMessageAction.undo!({ auth: connection(), input, output, idempotencyKey: 'k:undo' })).resolves.toEqual({
      deleted: false,
      alreadyGone: true,
    });
  });

  it('fails when Slack refuses for another reason', async () => {
    const input = parseActionInput(postMessageAction, { channel: 'C0PQLALERT', text: 'escalation' });
    const output = { channel: 'C0GONE', ts: '1.000001' };
    await expect(postMessageAction.undo!({ auth: connection(), input, output, idempotencyKey: 'k:undo' })).rejects.toThrow('channel_not_found');
  });
});

describe('slackAuth.test', () => {
  it('checks the bot token with auth.test', async () => {
    await expect(slackAuth.test!(connection())).resolves.toEqual({ ok: true });
    expect(slack.requestsTo('POST', '/api/auth.test')).toHaveLength(1);
    const refused = await slackAuth.test!(connection({ botToken: 'xoxb-9-9-wrong' }));
    expect(refused).toEqual({ ok: false, message: 'Slack auth.test failed: invalid_auth (the bot token is not valid; reconnect Slack)' });
  });

  it('accepts a webhook-only connection by its (already checked) shape, calling nobody', async () => {
    const webhookOnly = slackConnectionSchema.parse({ webhookUrl: slack.webhookUrl, allowLoopbackUrls: true });
    await expect(slackAuth.test!(webhookOnly)).resolves.toEqual({ ok: true });
    expect(slack.requests).toHaveLength(0);
  });

  it('reports an unreachable Slack without throwing', async () => {
    const closed = connection({ apiBaseUrl: 'http://127.0.0.1:1/api' });
    const result = await slackAuth.test!(closed);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
