import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';

/** graphql-ws' default: how long a client may stay connected without sending connection_init. */
export const CONNECTION_INIT_WAIT_MS = 3_000;

/** Close codes of the graphql-transport-ws protocol (graphql-ws PROTOCOL.md). */
export const GRAPHQL_WS_CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  initialisationTimeout: 4408,
  tooManyInitialisationRequests: 4429,
} as const;

/**
 * The parts of the graphql-transport-ws protocol Mercurius leaves out (found by the GraphQL abuse
 * drill, docs/reliability.md): a socket that sends no connection_init is closed with 4408 after
 * `initWaitMs` (Mercurius kept it open for ever), a subscribe before connection_init with 4401, and a
 * second connection_init with 4429. Mercurius still handles every message; this only watches, and
 * turns Mercurius' refusal of a connection_init (a `connection_error` message, which exists only in the
 * legacy protocol) into the close code graphql-ws defines for it, 4403 Forbidden.
 */
export function guardGraphqlWsSocket(socket: WebSocket, initWaitMs = CONNECTION_INIT_WAIT_MS): void {
  if (socket.protocol !== 'graphql-transport-ws') return; // the legacy subscriptions-transport-ws protocol has no such rules
  let initialised = false;
  const timer = setTimeout(() => {
    if (!initialised) socket.close(GRAPHQL_WS_CLOSE.initialisationTimeout, 'Connection initialisation timeout');
  }, initWaitMs);
  socket.once('close', () => clearTimeout(timer));
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  socket.send = ((data: unknown, ...rest: unknown[]) => {
    // Mercurius writes JSON.stringify({ type, id, payload }); a prefix test spares parsing every `next` message.
    if (typeof data === 'string' && data.startsWith('{"type":"connection_error"')) {
      socket.close(GRAPHQL_WS_CLOSE.forbidden, 'Forbidden');
      const callback = rest.find((arg) => typeof arg === 'function') as ((error?: Error) => void) | undefined;
      callback?.();
      return;
    }
    send(data, ...rest);
  }) as WebSocket['send'];
  // Attached before Mercurius' own listener, so a close here comes first.
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const type = messageType(isBinary ? undefined : data.toString());
    if (type === 'connection_init') {
      if (initialised) socket.close(GRAPHQL_WS_CLOSE.tooManyInitialisationRequests, 'Too many initialisation requests');
      initialised = true;
      clearTimeout(timer);
    } else if (type === 'subscribe' && !initialised) {
      socket.close(GRAPHQL_WS_CLOSE.unauthorized, 'Unauthorized');
    }
  });
}

function messageType(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return (JSON.parse(text) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
}

type WsHandler = (socket: WebSocket, ...rest: unknown[]) => unknown;

/**
 * Installs the guard on every websocket route (Mercurius' GET /graphql): an onRoute hook on the root
 * Fastify instance, added before any module registers routes, wraps the route's wsHandler.
 */
export function guardGraphqlWebSockets(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const options = route as typeof route & { wsHandler?: WsHandler };
    const handler = options.wsHandler;
    if (typeof handler !== 'function') return;
    options.wsHandler = function guarded(this: unknown, socket: WebSocket, ...rest: unknown[]) {
      guardGraphqlWsSocket(socket);
      return handler.call(this, socket, ...rest);
    };
  });
}
