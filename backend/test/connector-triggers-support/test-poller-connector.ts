import { AuthError, defineAuth, defineConnector, definePollingTrigger, errorFromHttpResponse } from '@tripline/connector-sdk';
import { z } from 'zod';
import type { VendorRecord } from './record-server';

const auth = defineAuth({
  kind: 'apiKey',
  config: z.object({ baseUrl: z.string().url(), token: z.string().min(1) }),
  secretFields: ['token'],
  test: async (config) => {
    const response = await fetch(`${config.baseUrl}/me`, { headers: { authorization: `Bearer ${config.token}` } });
    return response.ok ? { ok: true } : { ok: false, message: `The vendor refused the token (HTTP ${response.status})` };
  },
});

/** Polls the record server (record-server.ts), two records a page, like a vendor with a page budget. */
const records = definePollingTrigger({
  auth,
  name: 'records',
  displayName: 'New records',
  description: 'Each record becomes a track event',
  options: z.object({ pageSize: z.int().min(1).max(100).default(2) }),
  intervalSeconds: 1,
  poll: async ({ auth: config, options, checkpoint, now }) => {
    const query = new URLSearchParams({ limit: String(options.pageSize) });
    if (checkpoint) {
      query.set('since', checkpoint.time);
      query.set('skip', checkpoint.idsAtTime.join(','));
    }
    const response = await fetch(`${config.baseUrl}/records?${query}`, { headers: { authorization: `Bearer ${config.token}` } });
    if (response.status === 401) throw new AuthError('The vendor refused the token');
    if (!response.ok) throw errorFromHttpResponse(response, 'GET /records');
    const body = (await response.json()) as { records: VendorRecord[]; more: boolean };
    const until = Date.parse(now);
    return {
      items: body.records
        .filter((r) => Date.parse(r.at) <= until)
        .map((r) => ({ kind: 'event' as const, id: r.id, at: r.at, call: { type: 'track' as const, messageId: `poller:${r.id}`, userId: r.userId, event: r.event, timestamp: r.at } })),
      complete: !body.more,
    };
  },
});

export const testPollerConnector = defineConnector({
  name: 'test-poller',
  version: '0.0.1',
  displayName: 'Test poller',
  auth,
  actions: [],
  triggers: [records],
  rateLimit: { perSecond: 50 },
});
