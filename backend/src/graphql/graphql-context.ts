import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import type { TokenClaims } from '../auth/token.service';

/**
 * The context every resolver gets. HTTP: Nest puts the Fastify request in `req`.
 * Subscriptions: `connectionClaims` come from the graphql-ws `connection_init` payload (checked in
 * onConnect). Either way the global guard resolves `principal` (role looked up fresh).
 */
export interface GraphqlContext {
  req?: FastifyRequest;
  connectionClaims?: TokenClaims;
  principal?: Principal;
}
