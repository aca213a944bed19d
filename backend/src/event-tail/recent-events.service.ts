import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { sourceOf, segmentSource } from '../data-quality/event-source';
import { badUserInput } from '../graphql/errors';
import { EventEntity } from '../ingest/event.entity';
import type { SegmentCall } from '../ingest/segment/segment-call';
import { PersonEntity } from '../identity/person.entity';
import { PublishedScoringModelsService } from '../scoring/published-scoring-models.service';
import { ScoreHistoryEntity } from '../scoring/score-history.entity';
import type { EventTailFilterValues } from './event-tail-filter';
import { eventNameOf, type EventScoreEffect, type IngestedEvent } from './ingested-event';
import { eventModelsById, historyScoreEffect, type HistoryStep } from './score-effects';

export interface RecentEventsPage {
  limit: number;
  /** messageId of the last event of the previous page: the page continues with older events. */
  before?: string | null;
  filter?: EventTailFilterValues | null;
}

/**
 * The tail's first page (and older pages): stored events newest first (events ids are time-ordered,
 * so `ORDER BY id` is arrival order), each with its score effects read back from score_history.
 */
@Injectable()
export class RecentEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: PublishedScoringModelsService,
  ) {}

  async list(workspaceId: string, page: RecentEventsPage): Promise<IngestedEvent[]> {
    const events = await this.page(workspaceId, page);
    if (events.length === 0) return [];
    const personIds = [...new Set(events.flatMap((e) => (e.personId ? [e.personId] : [])))];
    const persons = personIds.length === 0 ? [] : await this.dataSource.getRepository(PersonEntity).find({ select: { id: true, accountId: true }, where: { workspaceId, id: In(personIds) } });
    const accountOf = new Map(persons.map((p) => [p.id, p.accountId]));
    const effects = await this.effectsOf(workspaceId, events.map((e) => e.messageId));
    return events.map((e) => ({
      messageId: e.messageId,
      type: e.type,
      event: eventNameOf(e),
      userId: e.userId,
      anonymousId: e.anonymousId,
      personId: e.personId,
      accountId: e.personId ? (accountOf.get(e.personId) ?? null) : null,
      timestamp: e.timestamp,
      receivedAt: e.receivedAt,
      source: storedSource(e.context),
      scoreEffects: effects.get(e.messageId) ?? [],
    }));
  }

  private async page(workspaceId: string, { limit, before, filter }: RecentEventsPage): Promise<EventEntity[]> {
    const events = this.dataSource.getRepository(EventEntity);
    const query = events.createQueryBuilder('e').where('e.workspaceId = :workspaceId', { workspaceId });
    if (before) {
      const cursor = await events.findOne({ select: { id: true }, where: { workspaceId, messageId: before } });
      if (!cursor) throw badUserInput(`before: no event with messageId ${before} in your workspace`, { field: 'before' });
      query.andWhere('e.id < :cursor', { cursor: cursor.id });
    }
    if (filter?.event) query.andWhere('(e.event = :name OR e.name = :name)', { name: filter.event });
    if (filter?.personId) query.andWhere('e.personId = :personId', { personId: filter.personId });
    if (filter?.accountId) {
      query.andWhere(
        (qb) =>
          `e.personId IN ${qb
            .subQuery()
            .select('p.id')
            .from(PersonEntity, 'p')
            .where('p.workspaceId = :workspaceId')
            .andWhere('p.accountId = :accountId')
            .getQuery()}`,
        { accountId: filter.accountId },
      );
    }
    return query.orderBy('e.id', 'DESC').limit(limit).getMany();
  }

  /**
   * Effects per messageId under the published event models: each history row of these events with
   * the row before it for the same model and subject (LAG over the subjects' histories; SQLite ≥ 3.25
   * and PostgreSQL both have window functions).
   */
  private async effectsOf(workspaceId: string, messageIds: readonly string[]): Promise<Map<string, EventScoreEffect[]>> {
    const published = await this.models.findPublished(workspaceId);
    const models = eventModelsById(published.map((m) => ({ modelId: m.modelId, name: m.definition.name, definition: m.definition })));
    const out = new Map<string, EventScoreEffect[]>();
    if (models.size === 0) return out;
    const manager = this.dataSource.manager;
    const postgres = this.dataSource.options.type === 'postgres';
    let n = 0;
    const p = () => (postgres ? `$${++n}` : '?');
    const ws1 = p();
    const ws2 = p();
    const inner = messageIds.map(() => p()).join(', ');
    const outer = messageIds.map(() => p()).join(', ');
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT message_id, model_id, subject_kind, subject_id, score, tier, at, prev_score, prev_at FROM (
         SELECT h.id, h.message_id, h.model_id, h.subject_kind, h.subject_id, h.score, h.tier, h.at,
           LAG(h.score) OVER (PARTITION BY h.model_id, h.subject_kind, h.subject_id ORDER BY h.at, h.id) AS prev_score,
           LAG(h.at) OVER (PARTITION BY h.model_id, h.subject_kind, h.subject_id ORDER BY h.at, h.id) AS prev_at
         FROM score_history h
         WHERE h.workspace_id = ${ws1}
           AND h.subject_id IN (SELECT s.subject_id FROM score_history s WHERE s.workspace_id = ${ws2} AND s.message_id IN (${inner}))
       ) x WHERE x.message_id IN (${outer})
       ORDER BY CASE WHEN x.subject_kind = 'person' THEN 0 ELSE 1 END, x.model_id, x.at, x.id`,
      [workspaceId, workspaceId, ...messageIds, ...messageIds],
    );
    const atColumn = this.dataSource.getMetadata(ScoreHistoryEntity).findColumnWithPropertyName('at')!;
    const epoch = (raw: unknown) => (this.dataSource.driver.prepareHydratedValue(raw, atColumn) as Date).getTime();
    for (const row of rows) {
      const model = models.get(row.model_id as string);
      if (!model) continue;
      const step: HistoryStep = {
        modelId: model.modelId,
        subjectKind: row.subject_kind as 'person' | 'account',
        subjectId: row.subject_id as string,
        score: Number(row.score),
        tier: (row.tier as string | null) ?? null,
        at: epoch(row.at),
        previous: row.prev_score === null || row.prev_score === undefined ? null : { score: Number(row.prev_score), at: epoch(row.prev_at) },
      };
      const list = out.get(row.message_id as string) ?? [];
      list.push(historyScoreEffect(step, model));
      out.set(row.message_id as string, list);
    }
    return out;
  }
}

/** The source the Segment API would name from a stored call's context (connectors' own names are not stored). */
function storedSource(context: Record<string, unknown>): string | null {
  const library = context.library;
  const name = typeof library === 'object' && library !== null ? (library as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? sourceOf(segmentSource, { context } as SegmentCall) : null;
}
