#!/usr/bin/env node
/** `tripline-mail-catcher`: the dev mail catcher as a process (started by `npm start`). */
import { join, resolve } from 'node:path';
import { startMailCatcher } from './start-mail-catcher';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, got '${raw}'`);
  }
  return port;
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.TRIPLINE_DATA_DIR || '.data');
  const storeFile = join(dataDir, 'mail', 'messages.jsonl');
  const catcher = await startMailCatcher({
    smtpPort: portFromEnv('TRIPLINE_SMTP_PORT', 1025),
    httpPort: portFromEnv('TRIPLINE_MAILBOX_PORT', 1080),
    storeFile,
  });
  console.log(
    `mail catcher: SMTP on ${catcher.host}:${catcher.smtpPort}, mailbox at http://${catcher.host}:${catcher.httpPort}/ ` +
      `(${catcher.messages().length} message(s) kept in ${storeFile})`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`mail catcher: ${signal} received, stopping`);
    catcher.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`mail catcher: could not stop cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`mail catcher: ${error.message}`);
  process.exit(1);
});
