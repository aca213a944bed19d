import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';

const HTTP_STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
};

/**
 * GraphQLErrors (errors.ts) are answers to the caller — a wrong password, a missing role — not
 * failures of the server: hand them back to graphql-js without Nest logging each one as an error.
 * Anything else still reaches formatGraphqlErrors, which logs it and hides it from the client.
 *
 * Services are shared with REST controllers (worker API), so the same error thrown under HTTP
 * becomes the matching status with a JSON body instead of a hung request.
 */
@Catch(GraphQLError)
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphqlErrorFilter');

  catch(error: GraphQLError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<GqlContextType>() === 'graphql') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = HTTP_STATUS_BY_CODE[String(error.extensions?.code)];
    if (status === undefined) {
      this.logger.error(error.stack ?? error.message);
      void reply.status(HttpStatus.INTERNAL_SERVER_ERROR).send({ statusCode: 500, error: 'Internal server error' });
      return;
    }
    void reply.status(status).send({ statusCode: status, error: error.message, ...error.extensions });
  }
}
