import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { gql, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';

describe.each(databaseKindsUnderTest())('GraphQL errors on %s', (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await loginAsAdmin(t.url);
  });
  afterAll(async () => t?.close());

  it('asks for a token on every operation that is not public', async () => {
    for (const query of ['{ me { role } }', '{ playbooks { id } }', 'mutation { createPlaybook(input: { name: "x" }) { id } }']) {
      const result = await gql(t.url, query);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('reports syntax and schema mistakes as validation errors', async () => {
    const syntax = await gql(t.url, '{ me { ', {}, admin);
    expect(syntax.errors?.[0]).toMatchObject({ message: expect.stringContaining('Syntax Error'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const unknown = await gql(t.url, '{ nope }', {}, admin);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('reports a wrongly typed variable as BAD_USER_INPUT naming the variable', async () => {
    const result = await gql(t.url, 'mutation($name: String!) { createPlaybook(input: { name: $name }) { id } }', { name: 5 }, admin);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('Variable "$name"'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses queries nested deeper than the limit (introspection included)', async () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }';
    const result = await gql(t.url, deep, {}, admin);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/query depth \(\d+\) exceeds the query depth limit of 10/);
    const shallow = await gql(t.url, '{ __schema { queryType { name } } }', {}, admin);
    expect(shallow.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  // Last: it takes the database away.
  it('answers an unexpected failure with "Internal server error" and no internals, and logs it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await t.app.get(DataSource).destroy();
      const result = await gql(t.url, '{ playbooks { id } }', {}, admin);
      expect(result.errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(JSON.stringify(result)).not.toMatch(/stack|typeorm|sqlite|postgres|at \w/i);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
