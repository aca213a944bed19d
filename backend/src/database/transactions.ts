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

/** At most this many queued units share one SQLite commit (bounds how long the first one waits). */
const MAX_UNITS_PER_COMMIT = 32;

interface QueuedUnit {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs a unit of work in one database transaction. Every write in the API goes through here.
 *
 * PostgreSQL: a real transaction on a pooled connection; concurrent units run side by side.
 * SQLite (better-sqlite3): TypeORM has ONE connection, and a second `transaction()` started while one
 * is open becomes a SAVEPOINT inside it. SQLite allows one writer at a time anyway, so units are queued
 * here and run one after another. **Group commit**: units that queued up while a commit was running
 * share the next transaction, each in its own SAVEPOINT — a unit that throws is rolled back alone and
 * rejected, the others commit together — and every unit's promise settles only after that COMMIT. A
 * commit writes each page the units dirtied once instead of once per unit, which is most of what a
 * small ingest transaction costs; an idle API still commits each unit at once.
 */
@Injectable()
export class Transactions {
  private readonly queue: QueuedUnit[] = [];
  private draining = false;

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
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // better-sqlite3 is synchronous: a unit runs start to COMMIT without giving the event loop a
        // turn, so requests that arrived meanwhile have not been read yet. One turn lets them queue up
        // and join this commit.
        await new Promise((resolve) => setImmediate(resolve));
        await this.commitGroup(this.queue.splice(0, MAX_UNITS_PER_COMMIT));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: QueuedUnit[]): Promise<void> {
    if (group.length === 1) {
      // Alone: a plain transaction, no savepoint.
      const [unit] = group;
      await this.dataSource.transaction(unit!.work).then(unit!.resolve, unit!.reject);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const unit of group) {
          try {
            outcomes.push({ ok: true, value: await manager.transaction(unit.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The COMMIT itself failed: nothing of the group is stored.
      for (const unit of group) unit.reject(error);
      return;
    }
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }
}
