import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { forbidden } from '../graphql/errors';
import type { GraphqlContext } from '../graphql/graphql-context';
import { AuthenticatorService } from './authenticator.service';
import { IS_PUBLIC_KEY } from './decorators/public.decorator';
import { ROLES_KEY } from './decorators/roles.decorator';
import type { Role } from './principal';

/**
 * The global guard (APP_GUARD): every GraphQL query, mutation and subscription needs a valid token
 * unless it is @Public(); @Roles() narrows it further (admin always passes). REST controllers
 * (ingest, /internal) are left alone: they authenticate with write keys and the internal token.
 */
@Injectable()
export class GqlAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: AuthenticatorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const principal = await this.authenticator.principalOf(GqlExecutionContext.create(context).getContext<GraphqlContext>());
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw forbidden(`This needs the role ${[...new Set<Role>(['admin', ...roles])].join(' or ')}; you are ${principal.role}`);
    }
    return true;
  }
}
