/**
 * Drill 8: GraphQL abuse against the built API in production mode (NODE_ENV=production): a query 20
 * levels deep, 1,000 aliases, batched operations, a document of 50,000 tokens, introspection, GraphiQL,
 * a mutation over GET; then graphql-ws sockets that break the protocol. Each must be refused with a
 * clear message (sockets: closed with graphql-ws' close code). The depth limit is also checked on an
 * API in development mode, where introspection (the only way to nest 20 deep in this schema) is open.
 */
import { Checks, type Drill } from './drill';
import { ApiProcess } from './support/api-process';
import { loginToken } from './support/graphql';
import { nestedQuery } from './support/hostile-graphql';
import { type Exchange, send } from './support/http';
import { probeWebSocket, type WebSocketClose } from './support/websocket-probe';

/** graphql-ws PROTOCOL.md close codes. */
const CLOSE = { unauthorized: 4401, forbidden: 4403, initialisationTimeout: 4408, tooManyInitialisationRequests: 4429 };
/** graphql-ws' default connectionInitWaitTimeout. */
const INIT_WAIT_MS = 3_000;

const errorsOf = (exchange: Exchange) => ((exchange.json as { errors?: { message?: string }[] } | undefined)?.errors ?? []).map((e) => e.message ?? '');
const shown = (exchange: Exchange) => `${exchange.status} ${errorsOf(exchange)[0] ?? exchange.text.slice(0, 120)}`;

export const graphqlAbuseDrill: Drill = {
  number: 8,
  id: 'graphql-abuse',
  title: 'GraphQL abuse: depth, aliases, batches, introspection in production, graphql-ws protocol',
  async run({ log }) {
    const checks = new Checks();
    const figures: [string, string][] = [];
    const production = new ApiProcess({ env: { NODE_ENV: 'production' } });
    const development = new ApiProcess({ env: { NODE_ENV: 'development' } });
    try {
      await Promise.all([production.start(), development.start()]);
      const token = await loginToken(production.url, production.adminEmail, production.adminPassword);
      const post = (api: ApiProcess, body: unknown, signedIn = true) =>
        send(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signedIn ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      const refused = (what: string, exchange: Exchange, message: RegExp) => {
        const ok = exchange.status >= 400 && exchange.status < 500 && errorsOf(exchange).some((m) => message.test(m));
        checks.check(what, ok, shown(exchange));
        figures.push([what, shown(exchange)]);
      };

      log('HTTP: depth, aliases, batches, tokens, introspection, GraphiQL, GET mutation');
      refused('depth 20 (production: introspection is off, so refused as introspection)', await post(production, { query: nestedQuery(20) }), /introspection|depth/i);
      const devToken = await loginToken(development.url, development.adminEmail, development.adminPassword);
      const deepInDevelopment = await send(`${development.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken}` }, body: JSON.stringify({ query: nestedQuery(20) }) });
      refused('depth 20 (development: refused by the depth limit of 10)', deepInDevelopment, /query depth \(\d+\) exceeds the query depth limit of 10/);
      const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
      refused('1,000 aliases', await post(production, { query: aliases }), /1000 aliases; at most 50/);
      refused('a batch of 100 operations', await post(production, Array.from({ length: 100 }, () => ({ query: '{ me { role } }' }))), /body must be object/);
      refused('a batch of 10,000 operations', await post(production, Array.from({ length: 10_000 }, () => ({ query: '{ __typename }' }))), /body must be object/);
      refused('a document of 50,000 tokens', await post(production, { query: `{ ${'__typename '.repeat(50_000)}}` }), /more that 10000 tokens|more than 10000 tokens/);
      refused('introspection: __schema', await post(production, { query: '{ __schema { types { name fields { name } } } }' }), /introspection/i);
      refused('introspection: __type', await post(production, { query: '{ __type(name: "Mutation") { fields { name } } }' }), /introspection/i);
      refused('introspection, signed out', await post(production, { query: 'query IntrospectionQuery { __schema { queryType { name } } }' }, false), /introspection/i);
      const graphiql = await send(`${production.url}/graphiql`, { method: 'GET' });
      checks.check('GraphiQL is not served in production', graphiql.status === 404, `GET /graphiql → ${graphiql.status}`);
      figures.push(['GET /graphiql', String(graphiql.status)]);
      const getMutation = await send(`${production.url}/graphql?query=${encodeURIComponent('mutation { login(email: "a@b.c", password: "x") { token } }')}`, { method: 'GET' });
      refused('a mutation over GET', getMutation, /GET request/);
      const developmentIntrospection = await send(`${development.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken}` }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
      figures.push(['introspection in development (allowed, for the designer tooling)', shown(developmentIntrospection)]);

      log('graphql-ws: no connection_init, subscribe first, two inits, a bad token, a good token');
      const wsUrl = `${production.url.replace(/^http/, 'ws')}/graphql`;
      const socketCheck = async (what: string, messages: unknown[], expected: number, extra?: (close: WebSocketClose) => boolean) => {
        try {
          const close = await probeWebSocket(wsUrl, messages);
          const ok = close.code === expected && (extra?.(close) ?? true);
          checks.check(what, ok, `closed with ${close.code} "${close.reason}" after ${close.afterMs} ms (expected ${expected})`);
          figures.push([what, `${close.code} "${close.reason}" after ${close.afterMs} ms`]);
        } catch (error) {
          checks.check(what, false, (error as Error).message);
          figures.push([what, (error as Error).message]);
        }
      };
      await socketCheck('graphql-ws without connection_init', [], CLOSE.initialisationTimeout, (c) => c.afterMs >= INIT_WAIT_MS - 100 && c.afterMs < INIT_WAIT_MS + 3_000);
      await socketCheck('graphql-ws subscribe before connection_init', [{ id: '1', type: 'subscribe', payload: { query: 'subscription { runUpdated { id } }' } }], CLOSE.unauthorized);
      await socketCheck('graphql-ws connection_init twice', [{ type: 'connection_init', payload: { token } }, { type: 'connection_init', payload: { token } }], CLOSE.tooManyInitialisationRequests);
      await socketCheck('graphql-ws connection_init with a bad token', [{ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }], CLOSE.forbidden);
      // The protocol still works for a client that follows it: acknowledged, and kept open past the init wait.
      const good = await probeWebSocket(wsUrl, [{ type: 'connection_init', payload: { token } }], { timeoutMs: INIT_WAIT_MS + 1_500 }).then(
        (close) => ({ open: false, detail: `closed ${close.code} "${close.reason}"`, acknowledged: close.received.some((m) => m.includes('connection_ack')) }),
        (error: Error & { received?: string[] }) => ({ open: true, detail: `open after ${INIT_WAIT_MS + 1_500} ms`, acknowledged: (error.received ?? []).some((m) => m.includes('connection_ack')) }),
      );
      checks.check('graphql-ws with a valid connection_init is acknowledged and kept open', good.open && good.acknowledged, `${good.detail}, ${good.acknowledged ? 'connection_ack received' : 'no connection_ack'}`);
      figures.push(['graphql-ws with a valid connection_init', good.open && good.acknowledged ? `acknowledged, still open after ${INIT_WAIT_MS + 1_500} ms` : good.detail]);

      for (const api of [production, development]) {
        checks.check(`the ${api === production ? 'production' : 'development'} API never died`, api.running && api.unexpectedExits.length === 0, api.unexpectedExits.join(', ') || 'running');
      }
      const passed = checks.list.filter((c) => c.passed).length;
      const socketProbes = checks.list.filter((c) => c.what.startsWith('graphql-ws')).length;
      const httpProbes = checks.list.filter((c) => !c.what.startsWith('graphql-ws') && !c.what.includes('never died')).length;
      return {
        did: `Sent ${httpProbes} abusive GraphQL requests and opened ${socketProbes} protocol-breaking graphql-ws sockets against the built API with NODE_ENV=production (the depth probe also against one in development mode, where introspection is open).`,
        lost: passed === checks.list.length ? 'nothing: every abuse refused, every bad socket closed with its graphql-ws code' : `${checks.list.length - passed} not refused`,
        figures,
        checks: checks.list,
      };
    } finally {
      await Promise.all([production.stop(), development.stop()]);
      production.removeData();
      development.removeData();
    }
  },
};
