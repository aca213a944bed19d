import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createRegistry, type ConnectorDefinition } from '@tripline/connector-sdk';
import { AppModule } from '../../src/app.module';
import { CONNECTOR_REGISTRY, defaultConnectorRegistry } from '../../src/connectors-registry';
import { testConfig, type TestApp } from '../support/test-app';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-databases';

/**
 * The real API (as startTestApp builds it) whose connector registry also holds `extra` connectors —
 * the registry is a DI token, overridden here; nothing else changes.
 */
export async function startAppWithConnectors(
  kind: DatabaseKind,
  extra: ConnectorDefinition[],
  env: Record<string, string> = {},
  /** Reuse a database (a restart); `close()` then leaves it for the caller to drop. */
  reuse?: TestDatabase,
): Promise<TestApp> {
  const database = reuse ?? (await createTestDatabase(kind));
  const config = testConfig(database, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CONNECTOR_REGISTRY)
    .useValue(createRegistry([...defaultConnectorRegistry().list(), ...extra]))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 4 * 1024 * 1024, trustProxy: true }), { logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    database,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (!reuse) await database.drop();
    },
  };
}
