import { Injectable, OnModuleDestroy } from '@nestjs/common';

type Listener = (payload: unknown) => void;

/** How many undelivered payloads one slow subscriber may hold before the oldest are dropped. */
const MAX_QUEUED_PER_SUBSCRIBER = 1000;

/**
 * Publish/subscribe for GraphQL subscriptions, as an injectable provider (not a module global).
 *
 * In process: `publish(topic, payload)` hands the payload to every current `subscribe(topic)`
 * iterator of this API process. A subscription resolver returns that iterator, which graphql-js
 * (inside Mercurius's graphql-ws handler) drains and sends to the client; when the client stops or
 * disconnects, Mercurius calls `return()` and the listener is removed.
 *
 * Filter in `subscribe(topic, filter)` rather than with `@Subscription({ filter })`: Mercurius'
 * withFilter wraps the iterator in an async generator whose `return()` waits for the next payload,
 * so a closed subscription would linger until something is published.
 *
 * Several API replicas: publish() is async so a later fan-out (Postgres LISTEN/NOTIFY, or Redis)
 * can be slotted in here without changing callers — publish sends NOTIFY and each replica's
 * listener calls deliverLocally().
 */
@Injectable()
export class GraphqlPubSub implements OnModuleDestroy {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();

  async publish<T>(topic: string, payload: T): Promise<void> {
    this.deliverLocally(topic, payload);
  }

  /** An async iterator of the payloads published on `topic` from now on (those passing `filter`). */
  subscribe<T>(topic: string, filter?: (payload: T) => boolean): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | undefined;
    let done = false;

    const listener: Listener = (raw) => {
      const payload = raw as T;
      if (done) return;
      if (filter) {
        try {
          if (!filter(payload)) return;
        } catch {
          return; // a throwing filter drops the payload for this subscriber only
        }
      }
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: payload, done: false });
        return;
      }
      queue.push(payload);
      if (queue.length > MAX_QUEUED_PER_SUBSCRIBER) queue.shift();
    };

    const close = (): void => {
      if (done) return;
      done = true;
      queue.length = 0;
      this.removeListener(topic, listener);
      this.closers.delete(close);
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: undefined, done: true });
      }
    };

    this.addListener(topic, listener);
    this.closers.add(close);

    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise<IteratorResult<T>>((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        close();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Subscribers listening on a topic, or on all topics (for tests and diagnostics). */
  listenerCount(topic?: string): number {
    if (topic !== undefined) return this.listeners.get(topic)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  onModuleDestroy(): void {
    for (const close of [...this.closers]) close();
  }

  private deliverLocally(topic: string, payload: unknown): void {
    const listeners = this.listeners.get(topic);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(payload);
  }

  private addListener(topic: string, listener: Listener): void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
  }

  private removeListener(topic: string, listener: Listener): void {
    const set = this.listeners.get(topic);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.listeners.delete(topic);
  }
}
