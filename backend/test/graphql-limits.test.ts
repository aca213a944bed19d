/**
 * Limits found by the drills (docs/reliability.md, drills 4 and 8): aliases, tokens, introspection in
 * production, JSON in place of GraphQL text, and the graphql-ws protocol's close codes.
 */
import WebSocket from 'ws';
import { CONNECTION_INIT_WAIT_MS, GRAPHQL_WS_CLOSE } from '../src/graphql/graphql-ws-guard';
import { MAX_QUERY_ALIASES, MAX_QUERY_TOKENS } from '../src/graphql/request-limits';
import { gql, loginAsAdmin } from './support/graphql-client';
import { startTestApp, TestApp } from './support/test-app';

async function post(url: string, body: unknown) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** Opens a graphql-transport-ws socket, sends `messages`, resolves with the close code and when it came. */
function closeOf(url: string, messages: unknown[]): Promise<{ code: number; afterMs: number; received: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const received: string[] = [];
    let opened = 0;
    const timer = setTimeout(() => (socket.terminate(), reject(new Error('still open after 10 s'))), 10_000);
    socket.on('open', () => {
      opened = Date.now();
      for (const message of messages) socket.send(JSON.stringify(message));
    });
    socket.on('message', (data) => received.push(data.toString()));
    socket.on('close', (code) => (clearTimeout(timer), resolve({ code, afterMs: Date.now() - opened, received })));
    socket.on('error', reject);
  });
}

describe('GraphQL limits (development mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it(`refuses more than ${MAX_QUERY_ALIASES} aliases with 400`, async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const result = await post(t.url, { query });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]).toMatchObject({ message: `The query uses 1000 aliases; at most ${MAX_QUERY_ALIASES} are allowed`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it(`refuses a document of more than ${MAX_QUERY_TOKENS} tokens with 400`, async () => {
    const result = await post(t.url, { query: `{ ${'__typename '.repeat(MAX_QUERY_TOKENS + 1)}}` });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.message).toContain(`more that ${MAX_QUERY_TOKENS} tokens`);
  });

  it('refuses JSON where GraphQL text belongs with 400 instead of an internal error', async () => {
    for (const query of [5, '5', 'null', '{"kind":"Document","definitions":[]}']) {
      const result = await post(t.url, { query });
      expect(result.status).toBe(400);
      expect(result.body.errors).toEqual([{ message: 'The query must be GraphQL text, not JSON', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    }
  });

  it('still answers introspection outside production', async () => {
    const result = await gql(t.url, '{ __schema { queryType { name } } }');
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  describe('graphql-ws close codes', () => {
    it(`closes a socket without connection_init after ${CONNECTION_INIT_WAIT_MS} ms with 4408`, async () => {
      const closed = await closeOf(t.url, []);
      expect(closed.code).toBe(GRAPHQL_WS_CLOSE.initialisationTimeout);
      expect(closed.afterMs).toBeGreaterThanOrEqual(CONNECTION_INIT_WAIT_MS - 100);
    });

    it('closes a subscribe before connection_init with 4401', async () => {
      const closed = await closeOf(t.url, [{ id: '1', type: 'subscribe', payload: { query: 'subscription { runUpdated { id } }' } }]);
      expect(closed.code).toBe(GRAPHQL_WS_CLOSE.unauthorized);
    });

    it('closes a second connection_init with 4429', async () => {
      const token = await loginAsAdmin(t.url);
      const closed = await closeOf(t.url, [{ type: 'connection_init', payload: { token } }, { type: 'connection_init', payload: { token } }]);
      expect(closed.code).toBe(GRAPHQL_WS_CLOSE.tooManyInitialisationRequests);
    });

    it('closes a connection_init with a bad token with 4403', async () => {
      const closed = await closeOf(t.url, [{ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }]);
      expect(closed.code).toBe(GRAPHQL_WS_CLOSE.forbidden);
      expect(closed.received).toEqual([]);
    });
  });
});

describe('GraphQL limits (production mode)', () => {
  let t: TestApp;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = 'production'; // read when the GraphQL module is configured
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await t?.close();
  });

  it('refuses introspection with 400, signed in or not', async () => {
    const token = await loginAsAdmin(t.url);
    for (const auth of [undefined, token]) {
      const result = await gql(t.url, '{ __schema { types { name } } }', {}, auth);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.message).toContain('introspection has been disabled');
    }
    expect((await gql(t.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
