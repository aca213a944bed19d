import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PlaybookVersionEntity } from '../../playbooks/playbook-version.entity';
import { RunStepEntity } from '../../runs/run-step.entity';
import { RunEntity } from '../../runs/run.entity';
import { connectionOfStep } from './step-connections';

export interface CallCounts {
  lastMinute: number;
  lastHour: number;
  lastDay: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

interface StepGroupRow {
  playbookId: string;
  playbookVersion: number | string;
  stepId: string;
  lastMinute: number | string | null;
  lastHour: number | string | null;
  lastDay: number | string | null;
}

/**
 * Calls made through each connection, counted from the run steps the worker reports: every action
 * step (and every undo of one) that started in the window and was not skipped (a suppressed or capped
 * step never reaches the vendor). A step is one call as the playbook sees it; the connector's own
 * retries inside it are not counted apart. The connection comes from the run's published snapshot
 * (steps name it by id or name), so counting groups by (version, step) in SQL and maps the few groups.
 */
@Injectable()
export class ConnectionCallCountsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts keyed by the connection reference the steps use (an id or a name). */
  async countsByReference(workspaceId: string, now = new Date()): Promise<Map<string, CallCounts>> {
    const rows = await this.dataSource
      .getRepository(RunStepEntity)
      .createQueryBuilder('s')
      .innerJoin(RunEntity, 'r', 'r.id = s.runId')
      .select('r.playbookId', 'playbookId')
      .addSelect('r.playbookVersion', 'playbookVersion')
      .addSelect('s.stepId', 'stepId')
      .addSelect('SUM(CASE WHEN s.startedAt >= :minuteAgo THEN 1 ELSE 0 END)', 'lastMinute')
      .addSelect('SUM(CASE WHEN s.startedAt >= :hourAgo THEN 1 ELSE 0 END)', 'lastHour')
      .addSelect('COUNT(*)', 'lastDay')
      .where('s.workspaceId = :workspaceId AND s.kind = :kind AND s.status <> :skipped AND s.startedAt >= :dayAgo')
      .andWhere('r.workspaceId = :workspaceId')
      .groupBy('r.playbookId')
      .addGroupBy('r.playbookVersion')
      .addGroupBy('s.stepId')
      .setParameters({
        workspaceId,
        kind: 'action',
        skipped: 'skipped',
        minuteAgo: new Date(now.getTime() - MINUTE_MS),
        hourAgo: new Date(now.getTime() - HOUR_MS),
        dayAgo: new Date(now.getTime() - DAY_MS),
      })
      .getRawMany<StepGroupRow>();

    const counts = new Map<string, CallCounts>();
    if (rows.length === 0) return counts;
    const versions = await this.dataSource.getRepository(PlaybookVersionEntity).find({
      // A superset of the (playbook, version) pairs needed: both lists are short, the definitions are not.
      where: {
        workspaceId,
        playbookId: In([...new Set(rows.map((row) => row.playbookId))]),
        version: In([...new Set(rows.map((row) => Number(row.playbookVersion)))]),
      },
    });
    const definitionOf = new Map(versions.map((version) => [`${version.playbookId}#${version.version}`, version.definition]));
    for (const row of rows) {
      const reference = connectionOfStep(definitionOf.get(`${row.playbookId}#${Number(row.playbookVersion)}`), row.stepId);
      if (reference === null) continue;
      const sum = counts.get(reference) ?? { lastMinute: 0, lastHour: 0, lastDay: 0 };
      sum.lastMinute += Number(row.lastMinute ?? 0);
      sum.lastHour += Number(row.lastHour ?? 0);
      sum.lastDay += Number(row.lastDay ?? 0);
      counts.set(reference, sum);
    }
    return counts;
  }
}
