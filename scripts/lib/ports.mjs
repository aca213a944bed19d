// Port checks and readiness probes for the local stack.
import net from 'node:net';
import { UserFacingError } from './console.mjs';

function canListen(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => {
      // A host without IPv6 cannot clash on '::'.
      resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT');
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when nothing listens on `port` on any IPv4 or IPv6 address. */
export async function isPortFree(port) {
  return (await canListen(port, '0.0.0.0')) && (await canListen(port, '::'));
}

/** Fails with one message naming every busy port and the variable that moves it. */
export async function assertPortsFree(entries) {
  const busy = [];
  for (const entry of entries) if (!(await isPortFree(entry.port))) busy.push(entry);
  if (busy.length === 0) return;
  throw new UserFacingError(
    [
      'Cannot start: these ports are already in use.',
      ...busy.map(({ port, envVar, what }) => `  - ${port} (${what}): stop what uses it, or set ${envVar} to another port`),
      'Is another `npm start` still running?',
    ].join('\n'),
  );
}

/** True when a TCP connection to host:port is accepted. */
export function isTcpOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The HTTP status of GET url, or undefined when nothing answers. */
export async function httpStatus(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
