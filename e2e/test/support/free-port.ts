import * as net from 'node:net';

/**
 * Ports for the processes a test starts are drawn from below the kernel's ephemeral range
 * (32768–60999 on Linux): a port the OS hands out for "port 0" later — Temporal's metrics and
 * internal service ports, any client socket — can then never be one we already promised to a
 * process that has not bound it yet.
 */
const LOW = 20_000;
const HIGH = 32_767;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port nobody listens on right now, below the ephemeral range. */
export async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (!taken.has(port) && (await isFree(port))) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort(ports));
  return [...ports];
}
