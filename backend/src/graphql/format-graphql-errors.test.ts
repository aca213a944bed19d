import { BadRequestException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { badUserInput, notFound } from './errors';
import { formatGraphqlErrors } from './format-graphql-errors';

const context = { app: { log: { info: () => undefined } } } as unknown as MercuriusContext;
const resolverError = (original: Error) => new GraphQLError(original.message, { path: ['playbook'], originalError: original });

describe('formatGraphqlErrors', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('passes our coded errors through with their extensions', () => {
    const problems = [{ code: 'dangling_edge', nodeId: 'a', message: 'x' }];
    const { response } = formatGraphqlErrors(
      { data: null, errors: [resolverError(badUserInput('Playbook has 1 problem', { problems })), resolverError(notFound('Playbook'))] },
      context,
    );
    expect(response.errors).toEqual([
      expect.objectContaining({ message: 'Playbook has 1 problem', path: ['playbook'], extensions: { problems, code: 'BAD_USER_INPUT' } }),
      expect.objectContaining({ message: 'Playbook not found', extensions: { code: 'NOT_FOUND' } }),
    ]);
    expect(logged).not.toHaveBeenCalled();
  });

  it('hides an unexpected error behind "Internal server error" and logs it with its stack', () => {
    const failure = new Error('SQLITE_ERROR: no such table: secret_things (SELECT password FROM users)');
    const { response } = formatGraphqlErrors({ data: null, errors: [resolverError(failure)] }, context);
    expect(response.errors).toEqual([{ message: 'Internal server error', path: ['playbook'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(response)).not.toMatch(/SQLITE|password|at /);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('no such table'));
    expect(logged.mock.calls[0]![0]).toContain(failure.stack!.split('\n')[1]!.trim());
  });

  it('maps Nest 4xx exceptions to codes', () => {
    const { response } = formatGraphqlErrors({ data: null, errors: [resolverError(new BadRequestException('limit: too big'))] }, context);
    expect(response.errors![0]).toMatchObject({ message: 'limit: too big', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('labels syntax/validation errors and wrongly typed variables', () => {
    const { response } = formatGraphqlErrors(
      {
        errors: [
          new GraphQLError('Cannot query field "nope" on type "Query".'),
          new GraphQLError('Variable "$name" got invalid value 5; String cannot represent a non string value: 5'),
        ],
      },
      context,
    );
    expect(response.errors!.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
  });
});
