import { Injectable } from '@nestjs/common';
import { unauthenticated } from '../graphql/errors';
import type { GraphqlContext } from '../graphql/graphql-context';
import type { Principal } from './principal';
import { bearerToken, TokenClaims, TokenService } from './token.service';
import { UsersService } from './users.service';

/**
 * Turns a token (HTTP header or graphql-ws connection_init) into a Principal. The role is read
 * from memberships every time, so removing or changing a membership applies to the next call.
 */
@Injectable()
export class AuthenticatorService {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  /** The claims of a valid token in a graphql-ws connection_init payload, or undefined. */
  async claimsFromConnectionInit(payload: unknown): Promise<TokenClaims | undefined> {
    if (typeof payload !== 'object' || payload === null) return undefined;
    const p = payload as Record<string, unknown>;
    const headers = typeof p.headers === 'object' && p.headers !== null ? (p.headers as Record<string, unknown>) : {};
    const token =
      bearerToken(p.authorization) ?? bearerToken(p.Authorization) ?? bearerToken(p.token) ?? bearerToken(headers.authorization) ?? bearerToken(headers.Authorization);
    if (!token) return undefined;
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    return (await this.users.roleIn(claims.userId, claims.workspaceId)) ? claims : undefined;
  }

  /** The caller of a GraphQL operation; cached on the context for the rest of the operation. */
  async principalOf(context: GraphqlContext): Promise<Principal> {
    if (context.principal) return context.principal;
    const claims = context.connectionClaims ?? (await this.claimsFromHeader(context.req?.headers?.authorization));
    if (!claims) throw unauthenticated();
    const role = await this.users.roleIn(claims.userId, claims.workspaceId);
    if (!role) throw unauthenticated('Your access to this workspace has ended: sign in again');
    const principal: Principal = { userId: claims.userId, workspaceId: claims.workspaceId, role };
    context.principal = principal;
    return principal;
  }

  private async claimsFromHeader(header: string | undefined): Promise<TokenClaims | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const claims = await this.tokens.verify(match[1]!);
    if (!claims) throw unauthenticated('Your token is invalid or has expired: sign in again');
    return claims;
  }
}
