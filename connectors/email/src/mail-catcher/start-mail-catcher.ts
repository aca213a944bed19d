import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { CaughtMessage } from './caught-message';
import { createHttpListener } from './http-listener';
import { MessageStore } from './message-store';
import { createSmtpListener } from './smtp-listener';

export interface MailCatcherOptions {
  /** Loopback by default: the catcher accepts mail from anyone who can reach it. */
  host?: string;
  /** 0 picks a free port; the running catcher reports the real one. */
  smtpPort: number;
  httpPort: number;
  /** A JSON-lines file to keep messages across restarts; in memory only when absent. */
  storeFile?: string;
}

export interface MailCatcher {
  host: string;
  smtpPort: number;
  httpPort: number;
  messages(): CaughtMessage[];
  clear(): Promise<void>;
  waitFor(predicate: (message: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  close(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const store = new MessageStore(options.storeFile);
  await store.load();

  const smtp = createSmtpListener(store);
  const http = createHttpListener(store);

  smtp.listen(options.smtpPort, host);
  await once(smtp.server, 'listening');
  try {
    http.listen(options.httpPort, host);
    await once(http, 'listening');
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    host,
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    messages: () => store.list(),
    clear: () => store.clear(),
    waitFor: (predicate, timeoutMs) => store.waitFor(predicate, timeoutMs),
    async close() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
