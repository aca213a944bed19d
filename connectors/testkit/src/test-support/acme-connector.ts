import {
  defineAction,
  defineAuth,
  defineConnector,
  definePollingTrigger,
  errorFromHttpResponse,
  type PollCheckpoint,
  type TriggerItem,
} from '@tripline/connector-sdk';
import { z } from 'zod';
import type { AcmeActivity } from './acme-fake';

/**
 * A connector for the made-up Acme vendor, written the way real connectors are, with switches that
 * plant one known flaw each: the testkit's own tests prove the contract checks catch them.
 */
export interface AcmeFlaws {
  /** createTask returns a number id where its output schema says string. */
  outputMismatch?: boolean;
  /** The activity poll asks for items strictly after the checkpoint time. */
  exclusiveCursor?: boolean;
  /** A 429 becomes a plain Error instead of a RateLimitedError. */
  plainErrorOn429?: boolean;
  /** The auth test never asks the vendor and always says ok. */
  authAlwaysOk?: boolean;
  /** The undo fails when the task is already gone. */
  undoNotRetryable?: boolean;
  /** No rateLimit declared. */
  noRateLimit?: boolean;
  /** Error messages include the request's Authorization header. */
  leakTokenInErrors?: boolean;
  /** Item ids change on every poll. */
  unstableIds?: boolean;
}

const config = z.object({ baseUrl: z.url(), apiKey: z.string().min(1, 'API key is required') });
type AcmeConfig = z.output<typeof config>;

const PAGES_PER_POLL = 2;

export function makeAcmeConnector(flaws: AcmeFlaws = {}) {
  async function call(auth: AcmeConfig, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const response = await fetch(`${auth.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (response.ok) return response;
    const detail = await response.text();
    if (flaws.plainErrorOn429 && response.status === 429) throw new Error(`Acme said 429: ${detail}`);
    const what = flaws.leakTokenInErrors ? `${method} ${path} (Bearer ${auth.apiKey})` : `${method} ${path}`;
    throw errorFromHttpResponse(response, what, detail);
  }

  const auth = defineAuth({
    kind: 'apiKey',
    config,
    secretFields: ['apiKey'],
    async test(connection) {
      if (flaws.authAlwaysOk) return { ok: true };
      try {
        await call(connection, 'GET', '/v1/me');
        return { ok: true };
      } catch (error) {
        return { ok: false, message: `Acme refused the API key (${(error as Error).message.split(':')[0]})` };
      }
    },
  });

  const createTask = defineAction({
    auth,
    name: 'createTask',
    displayName: 'Create task',
    description: 'Creates an Acme task',
    effect: 'write',
    input: z.object({ title: z.string().min(1) }),
    output: z.object({ id: z.string(), title: z.string() }),
    async run({ auth: connection, input, idempotencyKey, signal }) {
      const response = await call(connection, 'POST', '/v1/tasks', { title: input.title }, { 'idempotency-key': idempotencyKey }, signal);
      const task = (await response.json()) as { id: string; title: string };
      return flaws.outputMismatch ? ({ id: 123, title: task.title } as unknown as { id: string; title: string }) : task;
    },
    async undo({ auth: connection, output, signal }) {
      try {
        await call(connection, 'DELETE', `/v1/tasks/${encodeURIComponent(output.id)}`, undefined, {}, signal);
      } catch (error) {
        // Already gone is done: the undo may be retried.
        const gone = (error as Error).message.includes('answered 404');
        if (!gone || flaws.undoNotRetryable) throw error;
      }
    },
  });

  let pollCount = 0;
  const activityCreated = definePollingTrigger({
    auth,
    name: 'activityCreated',
    displayName: 'Activity created',
    description: 'Product activity recorded at Acme',
    options: z.object({ backfillFrom: z.iso.datetime().optional() }),
    intervalSeconds: 60,
    async poll({ auth: connection, options, checkpoint, signal }) {
      pollCount += 1;
      const since = sinceOf(checkpoint, options.backfillFrom);
      const items: TriggerItem[] = [];
      let after: string | undefined;
      for (let page = 0; page < PAGES_PER_POLL; page += 1) {
        const query = new URLSearchParams({ ...(since ? { since } : {}), ...(after ? { after } : {}) });
        const response = await call(connection, 'GET', `/v1/activities?${query}`, undefined, {}, signal);
        const body = (await response.json()) as { results: AcmeActivity[]; paging: { next?: { after: string } } };
        items.push(...body.results.map(toItem));
        after = body.paging.next?.after;
        if (!after) return { items, complete: true };
      }
      return { items, complete: false };
    },
  });

  function sinceOf(checkpoint: PollCheckpoint | null, backfillFrom: string | undefined): string | undefined {
    if (!checkpoint) return backfillFrom;
    if (flaws.exclusiveCursor) return new Date(Date.parse(checkpoint.time) + 1).toISOString();
    return checkpoint.time;
  }

  function toItem(activity: AcmeActivity): TriggerItem {
    const id = flaws.unstableIds ? `acme:${activity.id}:${pollCount}` : `acme:${activity.id}`;
    return {
      kind: 'event',
      id,
      at: activity.at,
      call: { type: 'track', messageId: id, userId: activity.userId, event: activity.event, timestamp: activity.at },
    };
  }

  return defineConnector({
    name: 'acme',
    version: '0.1.0',
    displayName: 'Acme',
    auth,
    actions: [createTask],
    triggers: [activityCreated],
    ...(flaws.noRateLimit ? {} : { rateLimit: { perSecond: 10 } }),
  });
}
