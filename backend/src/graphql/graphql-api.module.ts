import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { AuthModule } from '../auth/auth.module';
import { AuthenticatorService } from '../auth/authenticator.service';
import { formatGraphqlErrors } from './format-graphql-errors';
import { GraphqlErrorFilter } from './graphql-error.filter';
import { GraphqlPubSubModule } from './graphql-pubsub.module';
import { graphqlValidationRules, MAX_QUERY_TOKENS, refuseJsonDocuments } from './request-limits';

/** Deep enough for every query the designer makes; stops deliberately nested abuse. */
export const MAX_QUERY_DEPTH = 10;

/**
 * GraphQL on Mercurius, code-first: the schema is generated from the resolvers and models of every
 * feature module. HTTP POST and graphql-ws (protocol graphql-transport-ws) share /graphql.
 * Set TRIPLINE_WRITE_SCHEMA=1 to also print the schema to docs/schema.graphql.
 */
@Module({
  imports: [
    GraphqlPubSubModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [AuthModule],
      inject: [AuthenticatorService],
      useFactory: (authenticator: AuthenticatorService) => ({
        path: '/graphql',
        autoSchemaFile: process.env.TRIPLINE_WRITE_SCHEMA === '1' ? path.resolve(__dirname, '../../../docs/schema.graphql') : true,
        sortSchema: true,
        graphiql: process.env.NODE_ENV !== 'production',
        queryDepth: MAX_QUERY_DEPTH,
        // Aliases, tokens, introspection in production, JSON documents: request-limits.ts.
        validationRules: graphqlValidationRules(process.env.NODE_ENV === 'production'),
        graphql: { parseOptions: { maxTokens: MAX_QUERY_TOKENS } },
        hooks: { preParsing: refuseJsonDocuments },
        errorFormatter: formatGraphqlErrors,
        subscription: {
          // connection_init must carry a valid token ({ authorization: 'Bearer …' } or { token }); a
          // falsy result makes Mercurius refuse the connection before any subscription starts.
          onConnect: async ({ payload }: { payload?: unknown }) => {
            const connectionClaims = await authenticator.claimsFromConnectionInit(payload);
            return connectionClaims ? { connectionClaims } : false;
          },
          keepAlive: 30_000,
        },
      }),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }],
  exports: [GraphqlPubSubModule],
})
export class GraphqlApiModule {}
