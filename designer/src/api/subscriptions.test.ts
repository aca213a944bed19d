import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { createSubscriptionsClient, subscribe, websocketUrl, type ConnectionState } from './subscriptions';

/**
 * A real websocket server speaking the graphql-transport-ws protocol, standing in for the API:
 * it records each connection_init payload and answers every subscription with `answer`.
 */
interface FakeApi {
  url: string;
  inits: unknown[];
  subscribes: { query: string; variables: unknown }[];
  answer: (id: string, send: (message: object) => void) => void;
  dropNextConnectionAfterAck: boolean;
  close: () => Promise<void>;
}

async function startFakeApi(): Promise<FakeApi> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const api: FakeApi = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    inits: [],
    subscribes: [],
    answer: () => undefined,
    dropNextConnectionAfterAck: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.clients.forEach((client) => client.terminate());
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    const send = (message: object) => socket.send(JSON.stringify(message));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'connection_init') {
        api.inits.push(message.payload);
        send({ type: 'connection_ack' });
        if (api.dropNextConnectionAfterAck) {
          api.dropNextConnectionAfterAck = false;
          setTimeout(() => socket.close(1012, 'restarting'), 20);
        }
      } else if (message.type === 'subscribe') {
        api.subscribes.push(message.payload);
        api.answer(message.id, send);
      } else if (message.type === 'ping') {
        send({ type: 'pong' });
      }
    });
  });
  return api;
}

/** Subscription errors a test did not expect; asserted empty at the end of each test. */
let unexpectedErrors: string[] = [];
const unexpected = (message: string) => unexpectedErrors.push(message);

const waitFor = async (check: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('websocketUrl', () => {
  it('follows the page: ws on http, wss on https, same host and port', () => {
    expect(websocketUrl({ protocol: 'http:', host: 'localhost:4200' })).toBe('ws://localhost:4200/graphql');
    expect(websocketUrl({ protocol: 'https:', host: 'tripline.example.com' })).toBe('wss://tripline.example.com/graphql');
  });
});

describe('subscriptions client', () => {
  let api: FakeApi;
  let dispose: (() => unknown) | undefined;
  beforeEach(async () => {
    unexpectedErrors = [];
    api = await startFakeApi();
  });
  afterEach(async () => {
    await dispose?.();
    await api.close();
    expect(unexpectedErrors).toEqual([]);
  });

  it('authenticates in connection_init with the current bearer token and delivers data', async () => {
    api.answer = (id, send) => {
      send({ id, type: 'next', payload: { data: { runUpdated: { id: 'run-1', status: 'running' } } } });
      send({ id, type: 'complete' });
    };
    const client = createSubscriptionsClient({ url: api.url, getToken: () => 'tok-9', webSocketImpl: WebSocket });
    dispose = () => client.dispose();
    const received: unknown[] = [];
    subscribe(client, 'subscription { runUpdated { id status } }', { runId: 'run-1' }, { next: (d) => received.push(d), error: unexpected });
    await waitFor(() => received.length === 1, 'the first update');
    expect(api.inits).toEqual([{ authorization: 'Bearer tok-9' }]);
    expect(api.subscribes).toEqual([{ query: 'subscription { runUpdated { id status } }', variables: { runId: 'run-1' } }]);
    expect(received).toEqual([{ runUpdated: { id: 'run-1', status: 'running' } }]);
  });

  it('passes GraphQL errors of a subscription on as one readable message', async () => {
    api.answer = (id, send) => send({ id, type: 'error', payload: [{ message: 'Not allowed' }, { message: 'Really not' }] });
    const client = createSubscriptionsClient({ url: api.url, getToken: () => 'tok', webSocketImpl: WebSocket });
    dispose = () => client.dispose();
    const errors: string[] = [];
    subscribe(client, 'subscription { runUpdated { id } }', {}, { next: () => undefined, error: (m) => errors.push(m) });
    await waitFor(() => errors.length === 1, 'the error');
    expect(errors).toEqual(['Not allowed; Really not']);
  });

  it('reconnects after the API restarts, re-subscribes, and says so (so pages reload what they missed)', async () => {
    api.dropNextConnectionAfterAck = true;
    const states: ConnectionState[] = [];
    let reconnects = 0;
    let token = 'first';
    const client = createSubscriptionsClient({
      url: api.url,
      getToken: () => token,
      webSocketImpl: WebSocket,
      onConnectionChange: (state) => states.push(state),
      onReconnected: () => reconnects++,
    });
    dispose = () => client.dispose();
    subscribe(client, 'subscription { runUpdated { id } }', {}, { next: () => undefined, error: unexpected });
    await waitFor(() => api.inits.length === 1, 'the first connection');
    token = 'second';
    await waitFor(() => reconnects === 1, 'the reconnect');
    expect(api.inits).toEqual([{ authorization: 'Bearer first' }, { authorization: 'Bearer second' }]);
    await waitFor(() => api.subscribes.length === 2, 'the re-subscription');
    expect(states).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']);
  });
});
