import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Transactions } from '../../database/transactions';
import type { VendorQuotaReading } from './connection-health';
import { ConnectionVendorQuotaEntity } from './vendor-quota.entity';

/** The latest vendor-reported quota per connection: written by the worker, read by the budget views. */
@Injectable()
export class VendorQuotasService {
  constructor(
    @InjectRepository(ConnectionVendorQuotaEntity) private readonly quotas: Repository<ConnectionVendorQuotaEntity>,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Keeps the reading unless a newer one is stored: concurrent activities report out of order, and
   * the older figure must not overwrite the newer. Returns whether it was stored.
   */
  record(workspaceId: string, connectionId: string, reading: VendorQuotaReading): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const stored = await manager.findOneBy(ConnectionVendorQuotaEntity, { workspaceId, connectionId });
      if (stored && stored.observedAt.getTime() > reading.observedAt.getTime()) return false;
      await manager.save(
        manager.create(ConnectionVendorQuotaEntity, {
          connectionId,
          workspaceId,
          remaining: reading.remaining,
          limit: reading.limit,
          period: reading.period,
          observedAt: reading.observedAt,
        }),
      );
      return true;
    });
  }

  async latestByConnection(workspaceId: string): Promise<Map<string, VendorQuotaReading>> {
    const rows = await this.quotas.find({ where: { workspaceId } });
    return new Map(
      rows.map((row) => [
        row.connectionId,
        { remaining: Number(row.remaining), limit: row.limit === null ? null : Number(row.limit), period: row.period, observedAt: row.observedAt },
      ]),
    );
  }
}
