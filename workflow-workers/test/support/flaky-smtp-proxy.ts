import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo } from 'node:net';

/**
 * A TCP front for an SMTP server that answers the first `failures` connections with a real
 * "421 try again later" greeting and hangs up, then passes connections through: a transient
 * SMTP outage, as a mail server under load produces it.
 */
export async function startFlakySmtpProxy(target: { host: string; port: number }, failures: number) {
  let refused = 0;
  const server = createServer((client) => {
    if (refused < failures) {
      refused += 1;
      client.end('421 4.3.2 Service temporarily unavailable, try again later\r\n');
      return;
    }
    const upstream = createConnection(target);
    client.pipe(upstream).pipe(client);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    refusedConnections: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
