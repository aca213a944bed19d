import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/tripline-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.api.port, config.api.host);
  console.log(`Tripline API listening on http://${config.api.host}:${config.api.port} (database: ${config.database.kind})`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
