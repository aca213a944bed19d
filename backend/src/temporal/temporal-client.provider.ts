import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { ensureSearchAttributes } from './ensure-search-attributes';

/** How long one attempt to reach Temporal may take; the outbox retries, so fail fast. */
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * The API's Temporal client, connected on first use. Start-up never waits for Temporal (it may be
 * down: the outbox holds firings until it is back). After a failed call, `reset()` drops the
 * connection so the next call reconnects at once instead of waiting out gRPC's own back-off.
 */
@Injectable()
export class TemporalClientProvider implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalClientProvider.name);
  private connecting?: Promise<Client>;
  private connection?: Connection;
  private closed = false;
  /** Bumped by reset(): a connection made for an older generation is closed, not kept. */
  private generation = 0;

  constructor(@Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig) {}

  get address(): string {
    return this.config.temporal.address;
  }

  /** The connected client; rejects when Temporal cannot be reached right now. */
  getClient(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('Temporal client is closed (the API is shutting down)'));
    if (!this.connecting) {
      const attempt = this.connect();
      this.connecting = attempt;
      // A failed attempt is forgotten so the next caller tries again.
      attempt.catch(() => {
        if (this.connecting === attempt) this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  /** Forgets the current connection (after a transport failure) so the next call reconnects. */
  async reset(): Promise<void> {
    this.generation += 1;
    const connection = this.connection;
    this.connecting = undefined;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pending = this.connecting;
    this.connecting = undefined;
    await pending?.catch(() => undefined);
    await this.reset();
  }

  /** Not fatal: on a server that refuses (e.g. Temporal Cloud), they are registered by its own tools. */
  private async registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
    try {
      const added = await ensureSearchAttributes(connection, namespace);
      if (added.length > 0) this.logger.log(`Registered search attributes ${added.join(', ')} in namespace ${namespace}`);
    } catch (error) {
      this.logger.warn(
        `Could not check or register the runs' search attributes in namespace ${namespace} (${(error as Error).message}); ` +
          'runs cannot start until they exist: see "Find a failed run and replay it" in the README',
      );
    }
  }

  private async connect(): Promise<Client> {
    const { address, namespace } = this.config.temporal;
    const generation = this.generation;
    const connection = await Connection.connect({ address, connectTimeout: CONNECT_TIMEOUT_MS });
    if (this.closed || generation !== this.generation) {
      await connection.close().catch(() => undefined);
      throw new Error(this.closed ? 'Temporal client is closed (the API is shutting down)' : 'Temporal connection was reset');
    }
    this.connection = connection;
    this.logger.log(`Connected to Temporal at ${address} (namespace ${namespace})`);
    await this.registerSearchAttributes(connection, namespace);
    return new Client({ connection, namespace });
  }
}
