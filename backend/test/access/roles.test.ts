import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ROLES, type Role } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { GraphqlPubSub } from '../../src/graphql/pubsub';
import { waitFor } from '../ingest-support/wait-for';
import { gql, login, type GraphqlResponse } from '../support/graphql-client';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, type TestApp } from '../support/test-app';
import { OPERATIONS, variablesWith, type Fill, type OperationAccess, type ThingKind } from './operations';

jest.setTimeout(60_000);

/** The guard's refusal (gql-auth.guard.ts); a service's own FORBIDDEN reads differently. */
const ROLE_REFUSAL = /^This needs the role /;

const INTROSPECT = `{ __schema {
  queryType { fields { name } }
  mutationType { fields { name } }
  subscriptionType { fields { name } }
} }`;

interface Caller {
  role: Role;
  token: string;
  email: string;
  password: string;
}

/**
 * Roles on every operation (SQLite is enough: the guard does not touch the database beyond the
 * membership). Ids are unknown ones, so allowed callers get NOT_FOUND or BAD_USER_INPUT at worst —
 * never FORBIDDEN — and the refused ones are stopped by the guard before anything runs.
 */
describe('roles on every GraphQL operation', () => {
  let t: TestApp;
  let workspaceId: string;
  const callers = new Map<Role, Caller>();
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const users = t.app.get(UsersService);
    callers.set('admin', { role: 'admin', email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD, token: await login(t.url, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD) });
    for (const role of ROLES.filter((each) => each !== 'admin')) {
      const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
      const password = `password-${randomUUID()}`;
      const user = await users.create({ email, password, name: role });
      await users.setRole(user.id, workspaceId, role);
      callers.set(role, { role, email, password, token: await login(t.url, email, password) });
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t?.close();
  });

  /** Unknown ids everywhere, except the caller's own workspace (switching to it is allowed). */
  const fillFor = (caller: Caller): Fill => {
    const unknownIds = Object.fromEntries(
      (['member', 'playbook', 'scoringModel', 'connection', 'run', 'approvalRequest', 'person', 'account', 'changeRequest'] satisfies ThingKind[]).map((kind) => [kind, randomUUID()]),
    );
    return {
      ids: { ...unknownIds, workspace: workspaceId, suppressedEmail: `unknown-${randomUUID().slice(0, 8)}@example.test`, changeRequestLink: 'not-a-link-token' } as Fill['ids'],
      caller: { email: caller.email, password: caller.password },
    };
  };

  describe('the operations table (backend/test/access/operations.ts)', () => {
    it('lists every query, mutation and subscription of the running schema, and nothing else', async () => {
      const result = await gql(t.url, INTROSPECT, {}, callers.get('admin')!.token);
      expect(result.errors).toBeUndefined();
      const schema = result.data.__schema;
      const inSchema = new Map<string, OperationAccess['kind']>();
      for (const [kind, type] of [['query', schema.queryType], ['mutation', schema.mutationType], ['subscription', schema.subscriptionType]] as const) {
        for (const field of type?.fields ?? []) inSchema.set(field.name, kind);
      }
      const missing = [...inSchema.keys()].filter((name) => !(name in OPERATIONS)).map((name) => `${inSchema.get(name)} ${name}`);
      const gone = Object.keys(OPERATIONS).filter((name) => !inSchema.has(name));
      const wrongKind = Object.entries(OPERATIONS)
        .filter(([name, operation]) => inSchema.has(name) && inSchema.get(name) !== operation.kind)
        .map(([name]) => name);
      expect({ missingFromTable: missing, notInSchema: gone, wrongKind }).toEqual({ missingFromTable: [], notInSchema: [], wrongKind: [] });
    });

    it('gives every operation a document that calls exactly that operation, and admin among its roles', () => {
      const problems: string[] = [];
      for (const [name, operation] of Object.entries(OPERATIONS)) {
        const definitions = parse(operation.document).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        const fields = definitions.flatMap((d) => d.selectionSet.selections).map((s) => (s.kind === Kind.FIELD ? s.name.value : '?'));
        const types = definitions.map((d) => d.operation);
        if (definitions.length !== 1 || fields.join() !== name) problems.push(`${name}: the document calls ${fields.join(', ') || 'nothing'}`);
        if (types[0] !== (operation.kind as OperationTypeNode)) problems.push(`${name}: the document is a ${types[0]}, the table says ${operation.kind}`);
        if (operation.allowed !== 'public' && !operation.allowed.includes('admin')) problems.push(`${name}: admin must be allowed (the guard always lets admins through)`);
      }
      expect(problems).toEqual([]);
    });
  });

  const calls = Object.entries(OPERATIONS).filter(([, operation]) => operation.kind !== 'subscription');
  const subscriptions = Object.entries(OPERATIONS).filter(([, operation]) => operation.kind === 'subscription');

  describe.each(calls)('%s', (name, operation) => {
    const describeAllowed = operation.allowed === 'public' ? 'public' : operation.allowed.join(', ');

    it(`is refused with FORBIDDEN to every role but ${describeAllowed}, and reaches the resolver for those`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const role of ROLES) {
        const caller = callers.get(role)!;
        const allowed = operation.allowed === 'public' || operation.allowed.includes(role);
        // Public operations are called without a token: the token must not be what lets them through.
        const token = operation.allowed === 'public' ? undefined : caller.token;
        const result = await gql(t.url, operation.document, variablesWith(operation, fillFor(caller)), token);
        outcomes.push(`${role}: ${describeOutcome(result)}`);
        expected.push(`${role}: ${allowed ? 'reached the resolver' : 'refused by the guard'}`);
      }
      expect(outcomes).toEqual(expected);
    });
  });

  if (subscriptions.length > 0) {
    describe.each(subscriptions)('subscription %s', (name, operation) => {
      it('refuses the roles not allowed with FORBIDDEN and starts for the others', async () => {
        const pubsub = t.app.get(GraphqlPubSub);
        for (const role of ROLES) {
          const caller = callers.get(role)!;
          const allowed = operation.allowed === 'public' || operation.allowed.includes(role);
          const client = createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token: caller.token }, retryAttempts: 0 });
          clients.push(client);
          const errors: unknown[] = [];
          const listenersBefore = pubsub.listenerCount();
          const stop = client.subscribe(
            { query: operation.document, variables: variablesWith(operation, fillFor(caller)) },
            { next: () => undefined, error: (error) => errors.push(error), complete: () => undefined },
          );
          if (allowed) {
            await waitFor(`${name} to start for ${role}`, async () => pubsub.listenerCount() > listenersBefore || errors.length > 0, 5000, 20);
            expect({ role, name, errors }).toEqual({ role, name, errors: [] });
          } else {
            await waitFor(`${name} to be refused to ${role}`, async () => errors.length > 0, 5000, 20);
            expect({ role, name, error: errors[0] }).toEqual({
              role,
              name,
              error: [expect.objectContaining({ message: expect.stringMatching(ROLE_REFUSAL), extensions: { code: 'FORBIDDEN' } })],
            });
            expect(pubsub.listenerCount()).toBe(listenersBefore);
          }
          stop();
          await waitFor(`${name} of ${role} to end`, async () => pubsub.listenerCount() === listenersBefore, 5000, 20);
        }
      });
    });
  }
});

/** A short, comparable description of what came back. */
function describeOutcome(result: GraphqlResponse): string {
  const error = result.errors?.[0];
  if (!error) return 'reached the resolver';
  const code = error.extensions?.code;
  if (code === 'FORBIDDEN' && ROLE_REFUSAL.test(error.message)) return 'refused by the guard';
  if (code === 'NOT_FOUND' || (code === 'BAD_USER_INPUT' && !error.message.startsWith('Variable "$'))) return 'reached the resolver';
  return `${code}: ${error.message}`;
}

