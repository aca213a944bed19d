import {
  bearerToken,
  createFakeVendorServer,
  fixedWindowLimiter,
  type FakeRequest,
  type FakeResponse,
  type FakeVendorServer,
} from '@tripline/connector-testkit';

export interface FakeChannel {
  id: string;
  name: string;
  archived?: boolean;
  /** Whether the bot was invited (chat.postMessage answers not_in_channel otherwise). */
  botIsMember?: boolean;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  metadata?: unknown;
  via: 'webApi' | 'incomingWebhook';
}

export interface FakeSlack extends FakeVendorServer {
  botToken: string;
  /** The incoming webhook that posts to #pql-alerts. */
  webhookUrl: string;
  /** A webhook URL whose webhook was removed (Slack answers 404 no_service)... */
  removedWebhookUrl: string;
  /** ...and one whose channel was archived (410 channel_is_archived). */
  archivedChannelWebhookUrl: string;
  /** Messages in channels, oldest first (deleted ones removed). */
  messages: FakeSlackMessage[];
}

const TEAM_ID = 'T0TRIPLINE';
const BOT = { user: 'tripline', user_id: 'U0TRIPBOT', bot_id: 'B0TRIPBOT' };
const MAX_TEXT_LENGTH = 40_000;

/**
 * A fake of what the Slack connector uses, as Slack documents it:
 * - Web API (POST /api/<method>, JSON body, `Authorization: Bearer <token>`): auth.test,
 *   chat.postMessage (channel by ID or name, text/blocks, thread_ts, metadata) and chat.delete.
 *   Failures answer HTTP 200 `{ok:false, error}` (not_authed, invalid_auth, channel_not_found,
 *   not_in_channel, is_archived, no_text, invalid_blocks, msg_too_long, message_not_found).
 * - Incoming webhooks (POST /services/T…/B…/…): 200 "ok"; plain-text errors 400 invalid_payload /
 *   no_text / invalid_blocks, 404 no_service, 410 channel_is_archived.
 * - Rate limits: about one message per second per channel, short bursts allowed; past the burst
 *   HTTP 429 with Retry-After (Web API body `{ok:false, error:"ratelimited"}`).
 */
export async function startFakeSlack(options: { channels?: FakeChannel[]; burstPerChannelPerSecond?: number } = {}): Promise<FakeSlack> {
  const botToken = 'xoxb-1111-2222-faketoken';
  const channels: FakeChannel[] = options.channels ?? [
    { id: 'C0PQLALERT', name: 'pql-alerts', botIsMember: true },
    { id: 'C0SALESOPS', name: 'sales-ops', botIsMember: false },
    { id: 'C0OLDDEALS', name: 'old-deals', botIsMember: true, archived: true },
  ];
  const webhooks = new Map<string, { channel: string } | 'removed'>([
    [`/services/${TEAM_ID}/B0HOOKPQL/FakeHookSecret123`, { channel: 'C0PQLALERT' }],
    [`/services/${TEAM_ID}/B0HOOKOLD/FakeHookSecret456`, { channel: 'C0OLDDEALS' }],
    [`/services/${TEAM_ID}/B0HOOKGONE/FakeHookSecret789`, 'removed'],
  ]);
  const messages: FakeSlackMessage[] = [];
  const limiter = fixedWindowLimiter({ limit: options.burstPerChannelPerSecond ?? 5, windowMs: 1000 });
  let sequence = 0;

  const nextTs = () => {
    sequence += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
  };
  const findChannel = (idOrName: unknown) => {
    if (typeof idOrName !== 'string') return undefined;
    const name = idOrName.replace(/^#/, '');
    return channels.find((channel) => channel.id === idOrName || channel.name === name);
  };
  const fail = (error: string): FakeResponse => ({ status: 200, body: { ok: false, error } });

  /** The Web API's token check: a Bearer header, or `token` in a form body. */
  const authorize = (request: FakeRequest): FakeResponse | undefined => {
    const form = request.body as Record<string, unknown> | undefined;
    const token = bearerToken(request) ?? (typeof form?.token === 'string' ? form.token : undefined);
    if (!token) return fail('not_authed');
    if (token !== botToken) return fail('invalid_auth');
    return undefined;
  };

  const rateLimited = (channelId: string, webApi: boolean): FakeResponse | undefined => {
    const decision = limiter.take(channelId);
    if (decision.allowed) return undefined;
    const headers = { 'Retry-After': String(decision.retryAfterSeconds) };
    return webApi ? { status: 429, headers, body: { ok: false, error: 'ratelimited' } } : { status: 429, headers, body: 'rate_limited' };
  };

  const blocksProblem = (blocks: unknown): boolean =>
    blocks !== undefined && (!Array.isArray(blocks) || blocks.some((block) => typeof (block as { type?: unknown })?.type !== 'string'));

  const postMessage = (request: FakeRequest): FakeResponse => {
    const refused = authorize(request);
    if (refused) return refused;
    const args = (request.body ?? {}) as Record<string, unknown>;
    const channel = findChannel(args.channel);
    if (!channel) return fail('channel_not_found');
    if (channel.archived) return fail('is_archived');
    if (!channel.botIsMember) return fail('not_in_channel');
    const text = typeof args.text === 'string' ? args.text : undefined;
    if (!text && args.blocks === undefined) return fail('no_text');
    if (blocksProblem(args.blocks)) return fail('invalid_blocks');
    if (text && text.length > MAX_TEXT_LENGTH) return fail('msg_too_long');
    const limited = rateLimited(channel.id, true);
    if (limited) return limited;
    const message: FakeSlackMessage = {
      channel: channel.id,
      ts: nextTs(),
      text,
      blocks: args.blocks as unknown[] | undefined,
      threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
      metadata: args.metadata,
      via: 'webApi',
    };
    messages.push(message);
    return {
      status: 200,
      body: {
        ok: true,
        channel: channel.id,
        ts: message.ts,
        message: { type: 'message', subtype: 'bot_message', text, user: BOT.user_id, bot_id: BOT.bot_id, ts: message.ts, blocks: message.blocks },
      },
    };
  };

  const deleteMessage = (request: FakeRequest): FakeResponse => {
    const refused = authorize(request);
    if (refused) return refused;
    const args = (request.body ?? {}) as Record<string, unknown>;
    const channel = findChannel(args.channel);
    if (!channel) return fail('channel_not_found');
    const index = messages.findIndex((message) => message.channel === channel.id && message.ts === args.ts);
    if (index < 0) return fail('message_not_found');
    messages.splice(index, 1);
    return { status: 200, body: { ok: true, channel: channel.id, ts: args.ts } };
  };

  const incomingWebhook = (request: FakeRequest): FakeResponse => {
    const hook = webhooks.get(request.path);
    if (!hook || hook === 'removed') return { status: 404, body: 'no_service' };
    const payload = request.body as Record<string, unknown> | undefined;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { status: 400, body: 'invalid_payload' };
    if (typeof payload.text !== 'string' && payload.blocks === undefined) return { status: 400, body: 'no_text' };
    if (blocksProblem(payload.blocks)) return { status: 400, body: 'invalid_blocks' };
    const channel = findChannel(hook.channel)!;
    if (channel.archived) return { status: 410, body: 'channel_is_archived' };
    const limited = rateLimited(channel.id, false);
    if (limited) return limited;
    messages.push({ channel: channel.id, ts: nextTs(), text: payload.text as string | undefined, blocks: payload.blocks as unknown[] | undefined, via: 'incomingWebhook' });
    return { status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' };
  };

  const server = await createFakeVendorServer({
    name: 'slack',
    routes: [
      {
        method: 'POST',
        path: '/api/auth.test',
        handler: (request) =>
          authorize(request) ?? {
            status: 200,
            body: { ok: true, url: 'https://tripline-test.slack.com/', team: 'Tripline Test', team_id: TEAM_ID, ...BOT, is_enterprise_install: false },
          },
      },
      { method: 'POST', path: '/api/chat.postMessage', handler: postMessage },
      { method: 'POST', path: '/api/chat.delete', handler: deleteMessage },
      { method: 'POST', path: '/services/:team/:bot/:secret', handler: incomingWebhook },
    ],
  });
  return Object.assign(server, {
    botToken,
    webhookUrl: `${server.url}/services/${TEAM_ID}/B0HOOKPQL/FakeHookSecret123`,
    archivedChannelWebhookUrl: `${server.url}/services/${TEAM_ID}/B0HOOKOLD/FakeHookSecret456`,
    removedWebhookUrl: `${server.url}/services/${TEAM_ID}/B0HOOKGONE/FakeHookSecret789`,
    messages,
  });
}
