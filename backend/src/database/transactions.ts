import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface TransactionOptions {
  /**
   * PostgreSQL only: a transaction-scoped advisory lock on this key, so concurrent API replicas
   * cannot race on the same thing (e.g. `ingest:<workspaceId>` for messageId dedupe and identity
   * stitching); other keys proceed in parallel.
   */
  lockKey?: string;
}

/**
 * Runs a unit of work in one database transaction. Every write in the API goes through here.
 *
 * PostgreSQL: a real transaction on a pooled connection; concurrent units run side by side.
 * SQLite (better-sqlite3): TypeORM has ONE connection, and a second `transaction()` started while one
 * is open becomes a SAVEPOINT inside it (its commit or rollback then belongs to the other request).
 * SQLite allows one writer at a time anyway, so units of work are queued here and run one after
 * another; each commits before the next begins.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.isPostgres) {
      return this.dataSource.transaction(async (manager) => {
        if (options.lockKey) await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lockKey]);
        return work(manager);
      });
    }
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
