import { z } from 'zod';

export const DEFAULT_SLACK_API_BASE_URL = 'https://slack.com/api';

const SLACK_API_HOSTS = new Set(['slack.com', 'slack-gov.com']);
const SLACK_WEBHOOK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
const WEBHOOK_PATH = /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/;
// Bot tokens (xoxb-), user tokens (xoxp-), and rotated ones (xoxe.xoxb-).
const TOKEN = /^(xoxe\.)?xox[a-z]-[A-Za-z0-9-]+$/;

/**
 * A Slack connection holds a bot token (for chat.postMessage and chat.delete), an incoming webhook
 * URL (for postWebhookMessage), or both. Both are secrets: Slack's docs say to treat the webhook
 * URL like a password. The URLs are held to Slack's hosts so a token or message is never sent to
 * another server; `allowLoopbackUrls` lifts that for a local fake in tests, and nothing else.
 */
export const slackConnectionSchema = z
  .object({
    botToken: z.string().trim().regex(TOKEN, 'A Slack token starts with xoxb- (bot) or xoxp- (user)').optional(),
    webhookUrl: z.string().trim().optional(),
    apiBaseUrl: z.string().trim().default(DEFAULT_SLACK_API_BASE_URL),
    /** Off by default. Lets webhookUrl and apiBaseUrl point at 127.0.0.1 / localhost / [::1]: for tests against a fake Slack. */
    allowLoopbackUrls: z.boolean().default(false),
  })
  .superRefine((config, context) => {
    if (!config.botToken && !config.webhookUrl) {
      context.addIssue({ code: 'custom', path: ['botToken'], message: 'Give a bot token, an incoming webhook URL, or both' });
    }
    if (config.webhookUrl !== undefined) {
      const problem = webhookUrlProblem(config.webhookUrl, config.allowLoopbackUrls);
      if (problem) context.addIssue({ code: 'custom', path: ['webhookUrl'], message: problem });
    }
    const apiProblem = apiBaseUrlProblem(config.apiBaseUrl, config.allowLoopbackUrls);
    if (apiProblem) context.addIssue({ code: 'custom', path: ['apiBaseUrl'], message: apiProblem });
  });

export type SlackConnection = z.output<typeof slackConnectionSchema>;

/** Why a webhook URL is not an incoming webhook of Slack's; never repeats the URL (it is a secret). */
function webhookUrlProblem(text: string, allowLoopback: boolean): string | undefined {
  const url = parse(text);
  const expected = 'an incoming webhook URL looks like https://hooks.slack.com/services/T…/B…/…';
  if (!url) return `Not a URL: ${expected}`;
  const loopback = allowLoopback && LOOPBACK_HOSTS.has(url.host.replace(/:\d+$/, '')) && /^https?:$/.test(url.protocol);
  if (!loopback && (url.protocol !== 'https:' || !SLACK_WEBHOOK_HOSTS.has(url.host))) return `Not a Slack webhook host: ${expected}`;
  if (!WEBHOOK_PATH.test(url.pathname) || url.search || url.hash) return `Not a Slack webhook path: ${expected}`;
  return undefined;
}

function apiBaseUrlProblem(text: string, allowLoopback: boolean): string | undefined {
  const url = parse(text);
  if (!url) return `'${text}' is not a URL`;
  const loopback = allowLoopback && LOOPBACK_HOSTS.has(url.host.replace(/:\d+$/, '')) && /^https?:$/.test(url.protocol);
  if (!loopback && (url.protocol !== 'https:' || !SLACK_API_HOSTS.has(url.host))) {
    return `The Web API lives at ${DEFAULT_SLACK_API_BASE_URL} (or https://slack-gov.com/api), not ${url.origin}`;
  }
  return undefined;
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
