// Runs child processes with prefixed, coloured logs and stops them as whole process groups,
// so nothing started by `npm start` outlives it (vite, the Temporal server, their own children).
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { colours, prefixColours } from './console.mjs';

const KEPT_LINES = 40;
const PREFIX_WIDTH = 8;

export class Supervisor {
  /** @param {{ onUnexpectedExit?: (child: SupervisedChild) => void, out?: NodeJS.WritableStream }} options */
  constructor({ onUnexpectedExit, out = process.stdout } = {}) {
    this.children = [];
    this.stopping = false;
    this.onUnexpectedExit = onUnexpectedExit;
    this.out = out;
    // Last resort when the supervisor itself dies without stopAll(): take the children along.
    this.killOnExit = () => this.children.forEach((child) => child.signal('SIGKILL'));
    process.on('exit', this.killOnExit);
  }

  /** Starts `command args` in its own process group; returns the SupervisedChild. */
  start({ name, command, args = [], cwd, env }) {
    const colour = prefixColours[this.children.length % prefixColours.length];
    const child = new SupervisedChild(name, colour(name.padEnd(PREFIX_WIDTH)), this.out);
    child.run(command, args, { cwd, env });
    child.exited.then(() => {
      if (!this.stopping && !child.expectedToExit) this.onUnexpectedExit?.(child);
    });
    this.children.push(child);
    return child;
  }

  /** Stops every child, last started first; SIGKILL after `graceMs`. */
  async stopAll({ graceMs = 10_000 } = {}) {
    this.stopping = true;
    for (const child of [...this.children].reverse()) await child.stop(graceMs);
    process.off('exit', this.killOnExit);
  }
}

export class SupervisedChild {
  constructor(name, prefix, out) {
    this.name = name;
    this.prefix = prefix;
    this.out = out;
    this.lastLines = [];
    this.expectedToExit = false;
    this.exitInfo = undefined;
  }

  run(command, args, { cwd, env }) {
    this.process = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.process.once('error', (error) => {
        this.record(`could not start ${command}: ${error.message}`);
        this.exitInfo = { code: null, signal: null, error };
        resolve(this.exitInfo);
      });
      this.process.once('exit', (code, signal) => {
        this.exitInfo ??= { code, signal };
        resolve(this.exitInfo);
      });
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.record(line));
    }
  }

  record(line) {
    this.lastLines.push(line);
    if (this.lastLines.length > KEPT_LINES) this.lastLines.shift();
    // Shutdown chatter (closed connections, cancelled polls) is noise once we asked the child to stop.
    if (!this.expectedToExit) this.out.write(`${this.prefix} ${colours.grey('│')} ${line}\n`);
  }

  get running() {
    return this.exitInfo === undefined && this.process?.pid !== undefined;
  }

  /** Sends `signal` to the child's whole process group. */
  signal(signal) {
    if (!this.running) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch {
      this.process.kill(signal); // no process group (e.g. Windows) or already gone
    }
  }

  async stop(graceMs) {
    this.expectedToExit = true;
    if (!this.running) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    // The leader is gone; make sure nothing else in its group lingers.
    try {
      process.kill(-this.process.pid, 'SIGKILL');
    } catch {
      // group already empty
    }
  }

  /** "exited with code 1" / "was killed by SIGSEGV" / "could not start". */
  describeExit() {
    const info = this.exitInfo ?? {};
    if (info.error) return `could not start (${info.error.message})`;
    if (info.signal) return `was killed by ${info.signal}`;
    return `exited with code ${info.code}`;
  }
}
