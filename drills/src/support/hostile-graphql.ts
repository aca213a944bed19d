/**
 * A seeded generator of GraphQL requests the API must refuse: bodies that are not GraphQL requests,
 * queries of the wrong type, syntax errors, unknown fields, queries too deep, too wide (aliases,
 * tokens) or cyclic, introspection (the API runs in production mode), JSON where GraphQL text belongs,
 * wrongly typed variables, and resolver inputs a mutation must refuse. Every request is invalid by
 * construction, so an answer without a client error is a finding.
 */
import type { HostileRequest } from './hostile-ingest';
import { SeededRandom } from './seeded-random';

const VALID_QUERIES = [
  '{ me { role email } }',
  'query Playbooks { playbooks { id name } }',
  'query($id: ID!) { run(id: $id) { id status steps { stepId status } } }',
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
  '{ myWorkspaces { id name } }',
];

/** The schema has no cycles, so only the introspection types nest without end. */
export const nestedQuery = (depth: number) => `{ __type(name: "Query") { fields { type ${'{ ofType '.repeat(Math.max(0, depth - 4))}{ name }${' }'.repeat(Math.max(0, depth - 4))} } } }`;

function deepObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;
}

function syntaxError(rng: SeededRandom): string {
  const query = rng.pick(VALID_QUERIES);
  const choice = rng.int(0, 4);
  if (choice === 0) return query.slice(0, rng.int(1, query.length - 2));
  if (choice === 1) return query.replace('{', '{{');
  if (choice === 2) return `${query} }`;
  if (choice === 3) return query.replace(/\w+/, '123abc');
  return rng.pick(['SELECT * FROM users', '<script>alert(1)</script>', "'; DROP TABLE events; --", '{ me { role } ', '\u0000', '"unterminated']);
}

export function hostileGraphqlRequests(count: number, seed: number, { token }: { token: string }): HostileRequest[] {
  const rng = new SeededRandom(seed);
  const requests: HostileRequest[] = [];
  for (let n = 0; n < count; n++) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(rng.chance(0.7) ? { authorization: `Bearer ${token}` } : {}) };
    const post = (kind: string, body: unknown): HostileRequest => ({ kind, method: 'POST', path: '/graphql', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const roll = rng.int(0, 99);
    if (roll < 8) {
      requests.push(post('malformed JSON', rng.pick(['{"query": "{ me { role } }"', "{'query': '{ me { role } }'}", '{"query": "{ me }",}', 'query { me { role } }', '', '{', '\u0000'])));
    } else if (roll < 14) {
      const batch = Array.from({ length: rng.int(2, 500) }, () => ({ query: '{ __typename }' }));
      requests.push(post('batched operations', rng.chance(0.8) ? batch : rng.pick(['"text"', '42', 'null', 'true'])));
    } else if (roll < 22) {
      const query = rng.pick<unknown>([5, 0, true, { kind: 'Document' }, [{ kind: 'Document' }], null, '', '   ']);
      requests.push(post('query of the wrong type or empty', query === null ? {} : { query }));
    } else if (roll < 26) {
      requests.push(post('operationName / variables / extensions of the wrong type', { query: '{ __typename }', ...rng.pick<object>([{ variables: 'x' }, { variables: [1] }, { variables: 5 }, { operationName: 5 }, { operationName: 'Nope' }, { extensions: 'x' }, { extensions: [] }]) }));
    } else if (roll < 40) {
      requests.push(post('syntax error', { query: syntaxError(rng) }));
    } else if (roll < 48) {
      requests.push(post('unknown field or argument', { query: rng.pick(['{ users { password } }', '{ me { passwordHash } }', '{ playbooks(limit: 5) { id } }', '{ run { id } }', '{ me { role(x: 1) } }', 'mutation { dropDatabase }', 'subscription { runUpdated }']) }));
    } else if (roll < 56) {
      requests.push(post('query too deep', { query: nestedQuery(rng.int(12, 80)) }));
    } else if (roll < 64) {
      requests.push(post('too many aliases', { query: aliases(rng.int(51, 3000)) }));
    } else if (roll < 67) {
      requests.push(post('too many tokens', { query: `{ ${'__typename '.repeat(rng.int(10_001, 60_000))}}` }));
    } else if (roll < 71) {
      requests.push(post('fragment cycle or duplicate directives', { query: rng.pick(['query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', `{ __typename ${'@skip(if: false) '.repeat(rng.int(2, 500))}}`, 'query { ...A } fragment A on Query { ...A }']) }));
    } else if (roll < 78) {
      requests.push(post('introspection in production', { query: rng.pick(['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }', 'query IntrospectionQuery { __schema { queryType { name } mutationType { name } } }', '{ me { role } __schema { directives { name } } }']) }));
    } else if (roll < 84) {
      const json = rng.pick(['5', '"text"', '[1,2,3]', 'null', '{"kind":"Document","definitions":[]}', '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","selectionSet":5}]}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"kind":"Document"}']);
      requests.push(post('JSON where GraphQL text belongs', { query: json }));
    } else if (roll < 92) {
      const [query, variables] = rng.pick<[string, Record<string, unknown>]>([
        ['mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 5, p: 'x' }],
        ['mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'x' }],
        ['mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: { $ne: '' }, p: ['x'] }],
        ['query($id: ID!) { run(id: $id) { id } }', { id: { nested: true } }],
        ['query($id: ID!) { run(id: $id) { id } }', {}],
        ['query($f: RunFilter) { runs(filter: $f) { id } }', { f: { limit: 'all' } }],
        ['query($f: RunFilter) { runs(filter: $f) { id } }', { f: { nope: 1 } }],
        ['query($d: JSON!) { validatePlaybook(definition: $d) { valid } }', {}],
      ]);
      requests.push(post('variables of the wrong type', { query, variables }));
    } else {
      // Reaches a resolver (signed in): inputs a mutation must refuse.
      headers.authorization = `Bearer ${token}`;
      const input = rng.pick<Record<string, unknown>>([
        { name: '' },
        { name: 'n'.repeat(rng.int(201, 5000)) },
        { name: 'proto', definition: JSON.parse('{"__proto__": {"isAdmin": true}, "schemaVersion": 1}') },
        { name: 'deep', definition: deepObject(rng.int(41, 2000)) },
        { name: 'typed', definition: rng.pick<unknown>(['not an object', [], [{ schemaVersion: 1 }], 5, true]) },
      ]);
      requests.push(post('mutation input to refuse', { query: 'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }', variables: { input } }));
    }
  }
  return requests;
}
