import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { TriplineConfig } from './config/tripline-config';
import { guardGraphqlWebSockets } from './graphql/graphql-ws-guard';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
}

/** Builds the API (not yet listening): used by main.ts and by the integration tests. */
export async function createApp(config: TriplineConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Ingest enforces Segment's own limits (32 KB per event, 500 KB per batch) with clear errors;
    // this outer bound only stops absurd bodies before they are buffered.
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: true,
  });
  // Before any module adds routes: graphql-ws' connection_init timeout and close codes (graphql-ws-guard.ts).
  guardGraphqlWebSockets(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
