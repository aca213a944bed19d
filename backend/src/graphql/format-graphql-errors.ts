import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { ExecutionResult } from 'graphql';
import { ErrorCode } from './errors';

const logger = new Logger('GraphQL');

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/**
 * Mercurius' errorFormatter: errors meant for the client (our GraphQLErrors with a code, GraphQL
 * syntax/validation errors, bad HTTP requests) pass through; anything unexpected is logged here with
 * its stack and reaches the client only as "Internal server error" — no stack, SQL or paths.
 */
export function formatGraphqlErrors(execution: ExecutionResult & { statusCode?: number }, _context: MercuriusContext) {
  const received = (execution.errors ?? []) as GraphQLError[];
  const errors = received.flatMap(expandValidationErrors).map(toClientError);
  return {
    statusCode: execution.data ? 200 : (execution.statusCode ?? requestStatusOf(received) ?? 200),
    response: { data: execution.data ?? null, errors: errors.map((error) => error.toJSON()) },
  };
}

/** Mercurius reports a failed validation (incl. query depth) as one error holding the list. */
function expandValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(inner)) return [error];
  return inner.map((each: Error) =>
    each instanceof GraphQLError ? each : new GraphQLError(each.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
}

/** A request refused before execution keeps its 4xx status (e.g. 400 for a validation failure). */
function requestStatusOf(errors: GraphQLError[]): number | undefined {
  const status = errors.length === 1 ? (errors[0]!.originalError as { statusCode?: unknown } | undefined)?.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function toClientError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  const details = original as { statusCode?: unknown } | undefined;

  // graphql-js syntax and validation errors; a variable of the wrong type is the caller's input.
  if (!original) return withCode(error, error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
  // Errors we raised on purpose (errors.ts) carry a code; a code-less one outside any resolver is a
  // scalar refusing an input value. (With a path it is a resolver or serialization failure: internal.)
  if (original instanceof GraphQLError) {
    if (original.extensions?.code) return error;
    if (error.path === undefined) return withCode(error, 'BAD_USER_INPUT');
  }
  // Nest HTTP exceptions thrown by a service: keep 4xx meaning, hide 5xx.
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return copy(error, original.message, code, true);
  } else if (typeof details?.statusCode === 'number' && details.statusCode >= 400 && details.statusCode < 500) {
    // Fastify/Mercurius request errors (invalid JSON body, wrong method, ...).
    return withCode(error, 'BAD_REQUEST');
  }
  // An input value that a scalar refused while coercing variables (no path: not a resolver).
  if (error.path === undefined && error.locations !== undefined) return withCode(error, 'BAD_USER_INPUT');

  logger.error(`${error.path ? `${error.path.join('.')}: ` : ''}${original.stack ?? original.message}`);
  return copy(error, 'Internal server error', 'INTERNAL_SERVER_ERROR', false);
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return error.extensions?.code ? error : copy(error, error.message, code, true);
}

function copy(error: GraphQLError, message: string, code: string, keepExtensions: boolean): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...(keepExtensions ? error.extensions : {}), code },
  });
}
