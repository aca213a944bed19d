import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphqlClient, GraphqlRequestError } from './graphql-client';

/** A real HTTP server standing in for the API: each test says how it answers. */
type Handler = (body: { query: string; variables: Record<string, unknown> }, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let url: string;
let handler: Handler;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => handler(JSON.parse(raw), req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function failureOf(promise: Promise<unknown>): Promise<GraphqlRequestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphqlRequestError);
    return error as GraphqlRequestError;
  }
  throw new Error('expected the request to fail');
}

describe('createGraphqlClient', () => {
  it('POSTs the operation with the bearer token and returns data', async () => {
    let seen: { auth?: string; contentType?: string; body?: unknown } = {};
    handler = (body, req, res) => {
      seen = { auth: req.headers.authorization, contentType: req.headers['content-type'], body };
      json(res, 200, { data: { me: { role: 'admin' } } });
    };
    const request = createGraphqlClient({ url, getToken: () => 'tok-123' });
    await expect(request('query Me { me { role } }', { a: 1 })).resolves.toEqual({ me: { role: 'admin' } });
    expect(seen).toEqual({
      auth: 'Bearer tok-123',
      contentType: 'application/json',
      body: { query: 'query Me { me { role } }', variables: { a: 1 } },
    });
  });

  it('sends no authorization header when signed out', async () => {
    let auth: string | undefined = 'unset';
    handler = (_body, req, res) => {
      auth = req.headers.authorization;
      json(res, 200, { data: { login: null } });
    };
    await createGraphqlClient({ url, getToken: () => null })('mutation { login }');
    expect(auth).toBeUndefined();
  });

  it('surfaces GraphQL errors by their message and code', async () => {
    handler = (_body, _req, res) =>
      json(res, 200, {
        data: null,
        errors: [
          { message: 'definition.nodes.a.kind: unknown step kind "jump"', extensions: { code: 'BAD_USER_INPUT' } },
          { message: 'definition.start: required', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    const error = await failureOf(createGraphqlClient({ url, getToken: () => 't' })('mutation { x }'));
    expect(error.message).toBe('definition.nodes.a.kind: unknown step kind "jump"; definition.start: required');
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('tells the session when the API no longer accepts the token', async () => {
    handler = (_body, _req, res) => json(res, 200, { errors: [{ message: 'Sign in again', extensions: { code: 'UNAUTHENTICATED' } }] });
    const onUnauthenticated = jest.fn();
    const error = await failureOf(createGraphqlClient({ url, getToken: () => 'old', onUnauthenticated })('query { me }'));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('passes on the message of the dev proxy when the API is down', async () => {
    handler = (_body, _req, res) =>
      json(res, 502, { errors: [{ message: 'The Tripline API at http://127.0.0.1:3000 is unreachable (ECONNREFUSED).', extensions: { code: 'API_UNREACHABLE' } }] });
    const error = await failureOf(createGraphqlClient({ url, getToken: () => null })('query { me }'));
    expect(error.message).toContain('is unreachable (ECONNREFUSED)');
    expect(error).toMatchObject({ code: 'API_UNREACHABLE', status: 502 });
  });

  it('explains an answer that is not GraphQL (a bare 500 page)', async () => {
    handler = (_body, _req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    };
    const error = await failureOf(createGraphqlClient({ url, getToken: () => null })('query { me }'));
    expect(error.message).toBe('The Tripline API answered HTTP 500 Internal Server Error without a GraphQL response. Is the API running?');
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 500 });
  });

  it('explains a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failureOf(createGraphqlClient({ url: deadUrl, getToken: () => null })('query { me }'));
    expect(error.message).toMatch(/^Cannot reach the Tripline API \(.+\)\.$/);
    expect(error.code).toBe('NETWORK_ERROR');
  });
});
