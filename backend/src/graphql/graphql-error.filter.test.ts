import { ArgumentsHost, Logger } from '@nestjs/common';
import { badUserInput, notFound } from './errors';
import { GraphqlErrorFilter } from './graphql-error.filter';
import { GraphQLError } from 'graphql';

/** A stand-in for Nest's ArgumentsHost around a Fastify reply that records what is sent. */
function httpHost() {
  const sent: { status?: number; body?: unknown } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('GraphqlErrorFilter', () => {
  const filter = new GraphqlErrorFilter();

  it('hands GraphQL errors back to graphql-js unchanged', () => {
    const error = notFound('Playbook');
    expect(filter.catch(error, { getType: () => 'graphql' } as unknown as ArgumentsHost)).toBe(error);
  });

  it('answers the same errors under REST with the matching status', () => {
    const { host, sent } = httpHost();
    filter.catch(badUserInput('name: must not be empty', { field: 'name' }), host);
    expect(sent).toEqual({ status: 400, body: { statusCode: 400, error: 'name: must not be empty', field: 'name', code: 'BAD_USER_INPUT' } });

    const notFoundReply = httpHost();
    filter.catch(notFound('Connection x'), notFoundReply.host);
    expect(notFoundReply.sent.status).toBe(404);
  });

  it('hides an uncoded GraphQL error under REST behind a 500', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = httpHost();
    filter.catch(new GraphQLError('internal detail'), host);
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, error: 'Internal server error' } });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
