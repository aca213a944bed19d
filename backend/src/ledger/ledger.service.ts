import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transactions } from '../database/transactions';
import { LedgerEntryEntity, LedgerState } from './ledger-entry.entity';

export interface LedgerClaim {
  /** 'completed': the side effect already happened; `result` is what it returned. */
  state: LedgerState;
  result?: unknown;
}

/**
 * The side-effect ledger: a retried, replayed or reset activity asks before acting. A completed key
 * returns the recorded result instead of acting again; a claimed one (an earlier attempt that did not
 * finish) may act, since the outcome of that attempt is unknown.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly transactions: Transactions) {}

  /** Records the key as claimed unless it exists; returns the key's state. One row per key, ever. */
  claim(workspaceId: string, key: string): Promise<LedgerClaim> {
    return this.transactions.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(LedgerEntryEntity)
        .values({ id: randomUUID(), workspaceId, key, state: 'claimed', claimedAt: new Date(), completedAt: null })
        // The unique (workspace_id, key) decides between concurrent claims: ON CONFLICT DO NOTHING on
        // both SQLite and PostgreSQL, so the loser neither errors (nor aborts the transaction) nor
        // inserts, and reads the winner's row.
        .orIgnore()
        .execute();
      const entry = await manager.findOneByOrFail(LedgerEntryEntity, { workspaceId, key });
      return entry.state === 'completed' ? { state: 'completed', result: entry.result ?? null } : { state: 'claimed' };
    });
  }

  /**
   * Marks a claimed key completed with the side effect's result. Completing twice keeps the first
   * result: the side effect happened once and that is what retries must see.
   */
  complete(workspaceId: string, key: string, result: unknown): Promise<LedgerClaim> {
    return this.transactions.run(async (manager) => {
      await manager.update(
        LedgerEntryEntity,
        { workspaceId, key, state: 'claimed' },
        // Cast: TypeORM's partial-entity type cannot express a simple-json column of type unknown.
        { state: 'completed', result: result ?? null, completedAt: new Date() } as QueryDeepPartialEntity<LedgerEntryEntity>,
      );
      const entry = await manager.findOneBy(LedgerEntryEntity, { workspaceId, key });
      if (!entry) throw new NotFoundException(`Ledger key "${key}" was never claimed in workspace ${workspaceId}`);
      return { state: 'completed', result: entry.result ?? null };
    });
  }
}
