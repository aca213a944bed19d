import { Injectable } from '@nestjs/common';
import type { RunStatus } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { ChangeRequestEntity } from '../../governance/change-requests/change-request.entity';
import { RunEntity } from '../../runs/run.entity';
import type { PlaybookActivity } from './playbook-activity.model';

export const RUN_STATS_DAYS = 7;
const DAY_MS = 86_400_000;
const IN_PROGRESS: readonly RunStatus[] = ['pending', 'running', 'waiting'];
const FAILED: readonly RunStatus[] = ['failed', 'cancelled', 'compensated'];

/**
 * The list's extra columns for many playbooks at once (two grouped queries, whatever the number of
 * playbooks), always inside one workspace.
 */
@Injectable()
export class PlaybookActivityService {
  constructor(private readonly dataSource: DataSource) {}

  async activityOf(workspaceId: string, playbookIds: readonly string[], now = Date.now()): Promise<Map<string, PlaybookActivity>> {
    const activity = new Map<string, PlaybookActivity>();
    for (const id of playbookIds) {
      activity.set(id, { pendingChangeRequestId: null, runStats: { days: RUN_STATS_DAYS, started: 0, inProgress: 0, completed: 0, failed: 0, lastRunAt: null } });
    }
    if (playbookIds.length === 0) return activity;
    const ids = [...playbookIds];

    const pending = await this.dataSource
      .getRepository(ChangeRequestEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.targetId', 'c.requestedAt'])
      .where('c.workspaceId = :workspaceId AND c.targetKind = :kind AND c.status = :status AND c.targetId IN (:...ids)', { workspaceId, kind: 'playbook', status: 'pending', ids })
      .orderBy('c.requestedAt', 'DESC')
      .getMany();
    for (const request of pending) {
      const entry = activity.get(request.targetId);
      if (entry && entry.pendingChangeRequestId === null) entry.pendingChangeRequestId = request.id;
    }

    const counts = await this.dataSource
      .getRepository(RunEntity)
      .createQueryBuilder('r')
      .select('r.playbookId', 'playbookId')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'runs')
      .where('r.workspaceId = :workspaceId AND r.startedAt >= :since AND r.playbookId IN (:...ids)', { workspaceId, since: new Date(now - RUN_STATS_DAYS * DAY_MS), ids })
      .groupBy('r.playbookId')
      .addGroupBy('r.status')
      .getRawMany<{ playbookId: string; status: RunStatus; runs: string | number }>();
    for (const row of counts) {
      const stats = activity.get(row.playbookId)?.runStats;
      if (!stats) continue;
      const runs = Number(row.runs);
      stats.started += runs;
      if (IN_PROGRESS.includes(row.status)) stats.inProgress += runs;
      else if (FAILED.includes(row.status)) stats.failed += runs;
      else if (row.status === 'completed') stats.completed += runs;
    }

    const newest = await this.dataSource
      .getRepository(RunEntity)
      .createQueryBuilder('r')
      .select('r.playbookId', 'playbookId')
      .addSelect('MAX(r.startedAt)', 'lastRunAt')
      .where('r.workspaceId = :workspaceId AND r.playbookId IN (:...ids)', { workspaceId, ids })
      .groupBy('r.playbookId')
      .getRawMany<{ playbookId: string; lastRunAt: string | Date | null }>();
    for (const row of newest) {
      const stats = activity.get(row.playbookId)?.runStats;
      if (stats && row.lastRunAt !== null) stats.lastRunAt = toDate(row.lastRunAt);
    }
    return activity;
  }
}

/** A raw MAX() of a timestamp column: a Date from PostgreSQL, text from SQLite (stored as UTC). */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
