/** GraphQL subscriptions over graphql-ws (subprotocol graphql-transport-ws), authenticated in connection_init. */
import { createClient, type Client } from 'graphql-ws';

/** ws(s)://<host>/graphql for the page's own origin: the dev/preview server proxies it to the API. */
export function websocketUrl(location: Pick<Location, 'protocol' | 'host'>, path = '/graphql'): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

export interface SubscriptionsClientOptions {
  url: string;
  getToken: () => string | null;
  /** After a reconnect some updates may have been missed: callers reload what they show. */
  onReconnected?: () => void;
  onConnectionChange?: (state: ConnectionState) => void;
  /** The browser's WebSocket by default; Node tests pass the `ws` package's. */
  webSocketImpl?: unknown;
}

export type ConnectionState = 'connecting' | 'live' | 'offline';

export function createSubscriptionsClient(options: SubscriptionsClientOptions): Client {
  const client = createClient({
    url: options.url,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    lazy: true,
    // Read on every (re)connect, so a refreshed token is used.
    connectionParams: () => {
      const token = options.getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // The API may restart under a running designer: keep trying, backing off up to 10 s.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** retries))),
    keepAlive: 15_000,
    on: {
      connecting: () => options.onConnectionChange?.('connecting'),
      connected: (_socket, _payload, wasRetry) => {
        options.onConnectionChange?.('live');
        if (wasRetry) options.onReconnected?.();
      },
      closed: () => options.onConnectionChange?.('offline'),
    },
  });
  return client;
}

export interface SubscriptionSink<TData> {
  next: (data: TData) => void;
  error: (message: string) => void;
}

/** Subscribes to one operation; returns the function that stops it. */
export function subscribe<TData>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  sink: SubscriptionSink<TData>,
): () => void {
  return client.subscribe<TData>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors && result.errors.length > 0) {
          sink.error(result.errors.map((e) => e.message).join('; '));
          return;
        }
        if (result.data) sink.next(result.data as TData);
      },
      error: (error) => sink.error(describeSubscriptionError(error)),
      complete: () => undefined,
    },
  );
}

function describeSubscriptionError(error: unknown): string {
  if (Array.isArray(error)) return error.map((e) => (e as { message?: string }).message ?? String(e)).join('; ');
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string };
  if (typeof close?.code === 'number') return `Live updates closed (${close.code}${close.reason ? `: ${close.reason}` : ''}).`;
  return 'Live updates failed.';
}
