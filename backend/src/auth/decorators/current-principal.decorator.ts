import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '../../graphql/errors';
import type { GraphqlContext } from '../../graphql/graphql-context';
import type { Principal } from '../principal';

/** The caller, as established by the global guard (HTTP and subscriptions alike). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = GqlExecutionContext.create(context).getContext<GraphqlContext>().principal;
  // Only reachable on a @Public() operation that asks for the principal: a programming error,
  // reported as unauthenticated rather than crashing.
  if (!principal) throw unauthenticated();
  return principal;
});
