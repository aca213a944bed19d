import { z } from 'zod';

/**
 * A webhook connection is one receiver: its URL, the secret both sides share for signatures, and
 * whether it may live on a private network. Steps send to this URL (or another path on the same
 * origin), so a playbook editor cannot point signed requests at a host the admin never approved.
 */
export const webhookConnectionSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'Give the receiver URL (http:// or https://)' }),
  secret: z.string().min(16, 'The signing secret must be at least 16 characters'),
  /**
   * Off by default. When true, the receiver may be on a private, loopback, link-local, unique-local
   * or CGNAT address: for an on-prem receiver, or for tests against a local fake.
   */
  allowPrivateNetworks: z.boolean().default(false),
  /** How long one delivery (all redirects included) may take. */
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

export type WebhookConnection = z.output<typeof webhookConnectionSchema>;
