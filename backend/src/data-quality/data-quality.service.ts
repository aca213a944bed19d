import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badUserInput } from '../graphql/errors';
import { QualityCounters } from './quality-counters';
import { qualityDayRange } from './quality-day-range';
import { assessQuality, QualityAssessment, QualityOptions, resolveOptions } from './quality-kpis';
import { SourceQualityDayEntity } from './source-quality-day.entity';

export interface SourceQualityReport extends QualityAssessment {
  source: string;
  /** When the source last sent anything in the range. */
  lastReceivedAt: Date;
}

export interface QualityReportRequest extends QualityOptions {
  from?: Date | null;
  to?: Date | null;
}

/** Data quality per source of one workspace over a range of UTC days: summed counters, KPIs, flags. */
@Injectable()
export class DataQualityService {
  constructor(private readonly dataSource: DataSource) {}

  async report(workspaceId: string, request: QualityReportRequest = {}, now: Date = new Date()): Promise<SourceQualityReport[]> {
    const { fromDay, toDay } = this.checked(() => qualityDayRange(request.from, request.to, now));
    const options = this.checked(() => resolveOptions(request));
    const repository = this.dataSource.getRepository(SourceQualityDayEntity);
    const rows = await repository
      .createQueryBuilder('q')
      .select('q.source', 'source')
      .addSelect('SUM(q.received)', 'received')
      .addSelect('SUM(q.duplicates)', 'duplicates')
      .addSelect('SUM(q.complete)', 'complete')
      .addSelect('SUM(q.identified)', 'identified')
      .addSelect('SUM(q.accountMatched)', 'accountMatched')
      .addSelect('MAX(q.lastReceivedAt)', 'lastReceivedAt')
      .where('q.workspaceId = :workspaceId', { workspaceId })
      .andWhere('q.day >= :fromDay AND q.day <= :toDay', { fromDay, toDay })
      .groupBy('q.source')
      .orderBy('q.source', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const lastReceivedAt = repository.metadata.findColumnWithPropertyName('lastReceivedAt')!;
    return rows.map((row) => {
      // SUM is bigint/numeric on PostgreSQL (a string in node-postgres); MAX of a SQLite datetime is text.
      const counters: QualityCounters = {
        received: Number(row.received),
        duplicates: Number(row.duplicates),
        complete: Number(row.complete),
        identified: Number(row.identified),
        accountMatched: Number(row.accountMatched),
      };
      return {
        source: row.source as string,
        lastReceivedAt: this.dataSource.driver.prepareHydratedValue(row.lastReceivedAt, lastReceivedAt) as Date,
        ...assessQuality(counters, options),
      };
    });
  }

  private checked<T>(compute: () => T): T {
    try {
      return compute();
    } catch (error) {
      if (error instanceof RangeError) throw badUserInput(error.message);
      throw error;
    }
  }
}
