import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphqlPubSub } from '../../src/graphql/pubsub';
import type { TestApp } from './test-app';

export interface TestSubscription<T> {
  /** The next payload of `field`, or an error after `waitMs`. */
  next(waitMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A graphql-ws client subscribed to `query` as the holder of `token`, returned once the server has
 * registered it on `topic` (so an event published right after cannot be missed). The client is added
 * to `clients` for the caller to dispose.
 */
export async function subscribeOnTopic<T>(
  t: TestApp,
  clients: Client[],
  options: { token: string; topic: string; query: string; variables?: Record<string, unknown>; field: string },
): Promise<TestSubscription<T>> {
  const pubsub = t.app.get(GraphqlPubSub);
  const before = pubsub.listenerCount(options.topic);
  const client = createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${options.token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  const payloads = client.iterate<Record<string, T>>({ query: options.query, variables: options.variables ?? {} });
  const deadline = Date.now() + 5000;
  while (pubsub.listenerCount(options.topic) <= before) {
    if (Date.now() > deadline) throw new Error('the subscription never started');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    async next(waitMs = 5000): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${options.field} within ${waitMs} ms`)), waitMs);
      });
      try {
        const result = await Promise.race([payloads.next(), timeout]);
        if (result.done) throw new Error('the subscription ended');
        expect(result.value.errors).toBeUndefined();
        return result.value.data![options.field]!;
      } finally {
        clearTimeout(timer);
      }
    },
    async stop() {
      await payloads.return?.();
    },
  };
}
