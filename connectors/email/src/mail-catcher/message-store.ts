import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CaughtMessage } from './caught-message';

type Waiter = { predicate: (message: CaughtMessage) => boolean; resolve: (message: CaughtMessage) => void };

/**
 * The mailbox: kept in memory and, when a file is given, appended to it as JSON lines so a restart
 * of `npm start` keeps what was received.
 */
export class MessageStore {
  private messages: CaughtMessage[] = [];
  private waiters = new Set<Waiter>();
  // Appends and truncations run one after another so the file never interleaves them.
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly file?: string) {}

  async load(): Promise<void> {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    content.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        this.messages.push(JSON.parse(line) as CaughtMessage);
      } catch {
        console.warn(`mail catcher: skipping line ${index + 1} of ${this.file}: not valid JSON`);
      }
    });
  }

  list(): CaughtMessage[] {
    return [...this.messages];
  }

  async add(message: CaughtMessage): Promise<void> {
    this.messages.push(message);
    if (this.file) {
      const line = `${JSON.stringify(message)}\n`;
      const file = this.file;
      await this.enqueue(() => appendFile(file, line, 'utf8'));
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        this.waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  async clear(): Promise<void> {
    this.messages = [];
    if (this.file) {
      const file = this.file;
      await this.enqueue(() => writeFile(file, '', 'utf8'));
    }
  }

  /** The first message (already received or still to come) that matches, or an error after `timeoutMs`. */
  waitFor(predicate: (message: CaughtMessage) => boolean, timeoutMs = 10_000): Promise<CaughtMessage> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No matching message arrived within ${timeoutMs} ms (${this.messages.length} in the mailbox)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
