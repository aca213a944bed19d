// Process helpers: free ports, peak RSS from /proc, the pids of the stack's API and worker.
import fs from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * `count` distinct free ports: all held open at once before any is released (freePort() twice in a row
 * can hand out the same port, which the next listener then finds taken).
 */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Peak resident set (VmHWM) of a live process in MB; 0 when it is gone. Read before stopping it. */
export function peakRssMb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Every process below `rootPid` (children, grandchildren, …). */
export function descendantsOf(rootPid) {
  const parentOf = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      parentOf.set(Number(name), ppid);
    } catch {}
  }
  const found = [];
  for (const pid of parentOf.keys()) {
    for (let p = parentOf.get(pid), hops = 0; p && hops < 10; p = parentOf.get(p), hops++) {
      if (p === rootPid) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

/** The API's and the worker's pids among the supervisor's descendants. */
export function stackPids(rootPid) {
  const found = {};
  for (const pid of descendantsOf(rootPid)) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes('backend/dist/main.js')) found.api = pid;
    if (cmdline.includes('workflow-workers/dist/main.js')) found.worker = pid;
  }
  return found;
}
