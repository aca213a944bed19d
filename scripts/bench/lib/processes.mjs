// Process helpers: free ports, peak RSS from /proc, the pids of the stack's API and worker.
import fs from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `count` distinct free ports for the processes a part starts, drawn from below the kernel's ephemeral
 * range (32768–60999 on Linux), so that no port the OS hands out for "port 0" later (Temporal's metrics
 * and internal service ports, client sockets) can be one already promised to a process not yet bound.
 */
export async function freePorts(count) {
  const ports = new Set();
  for (let attempt = 0; ports.size < count && attempt < 1000; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12768);
    if (!ports.has(port) && (await isFree(port))) ports.add(port);
  }
  if (ports.size < count) throw new Error('no free ports between 20000 and 32767');
  return [...ports];
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
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
