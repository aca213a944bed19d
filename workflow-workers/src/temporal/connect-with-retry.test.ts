import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { connectWithRetry } from './connect-with-retry';

async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectWithRetry', () => {
  it('says that Temporal is not up yet, keeps trying, and stops when told to', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const lines: string[] = [];
    const stop = new AbortController();
    const connecting = connectWithRetry({
      address,
      signal: stop.signal,
      maxDelayMs: 100,
      log: (line) => {
        lines.push(line);
        if (lines.length === 2) stop.abort();
      },
    });
    await expect(connecting).rejects.toThrow(`Stopped before Temporal at ${address} was reachable`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^worker: Temporal is not reachable at ${address} yet \\(attempt 1: connection refused\\); retrying in 0\\.1s$`));
    expect(lines[1]).toContain('(attempt 2:');
  }, 30_000);
});
