import { Injectable } from '@nestjs/common';
import { RECENT_PER_RULE, tierOf, type AccountActivity, type ComponentScoringModel, type EventScoringModel, type ScoreState, type ScoringModel } from '@tripline/scoring';
import { DataSource, In, MoreThan } from 'typeorm';
import { badUserInput, notFound } from '../../graphql/errors';
import { AccountMemberEntity } from '../../identity/account-member.entity';
import { AccountEntity } from '../../identity/account.entity';
import { PersonEntity } from '../../identity/person.entity';
import { ProfileModel, RankedSubjectModel, ScoreHistoryEntryModel, SubjectScoreModel } from '../models/profile.model';
import { ScoringModelModel } from '../models/scoring-model.model';
import { SubjectKindEnum } from '../models/subject-kind.enum';
import { PublishedScoringModelsService, type PublishedScoringModel } from '../published-scoring-models.service';
import { ScoreHistoryEntity } from '../score-history.entity';
import { ScoreStateEntity, type SubjectKind } from '../score-state.entity';
import { ScoringModelEntity } from '../scoring-model.entity';
import { componentScoreNow, derivableFromScore, eventScoreNow, rolledUpScoreNow, shown, topContributionsOf, type StoredScore } from './read-scores';

export const MAX_LIMIT = 500;

interface Subject {
  kind: SubjectKind;
  id: string;
  traits: Record<string, unknown>;
}

const storedOf = (row: ScoreStateEntity): StoredScore => ({ subjectId: row.subjectId, score: row.score, lastEventAt: row.lastEventAt.getTime(), state: row.state });

/**
 * Reads of live scores: a person's or account's profile with every published model's score now,
 * its top contributing events (event models) or factors (component models) and its history, and
 * subjects ranked by score. Scores are read at the time of the request (decay applies then).
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly published: PublishedScoringModelsService,
  ) {}

  async profile(workspaceId: string, ids: { personId?: string | null; accountId?: string | null }, now = Date.now()): Promise<ProfileModel> {
    const { personId, accountId } = ids;
    if ((personId ? 1 : 0) + (accountId ? 1 : 0) !== 1) throw badUserInput('profile: give exactly one of personId and accountId');
    const base = personId ? await this.person(workspaceId, personId) : await this.account(workspaceId, accountId!);
    const subject: Subject = { kind: base.subjectKind, id: base.subjectId, traits: base.traits };
    const models = (await this.published.findPublished(workspaceId)).filter((m) => subject.kind === 'account' || m.definition.kind === 'events');
    const rows = await this.modelRows(workspaceId, models);
    const scores: SubjectScoreModel[] = [];
    for (const model of models) {
      const read = await this.scoreOf(workspaceId, model, subject, now);
      const tier = tierOf(model.definition, read.score);
      scores.push({
        model: ScoringModelModel.from(rows.get(model.modelId)!),
        modelVersion: model.version,
        score: shown(read.score),
        tier: tier?.name ?? null,
        tierAction: tier?.action ?? null,
        lastEventAt: read.lastEventAt === null ? null : new Date(read.lastEventAt),
        components: read.components,
        contributions: read.contributions,
        subjectKind: subject.kind as SubjectKindEnum,
        subjectId: subject.id,
        workspaceId,
      });
    }
    return { ...base, scores };
  }

  async history(workspaceId: string, modelId: string, kind: SubjectKind, subjectId: string, limit: number): Promise<ScoreHistoryEntryModel[]> {
    const rows = await this.dataSource.getRepository(ScoreHistoryEntity).find({
      where: { workspaceId, modelId, subjectKind: kind, subjectId },
      order: { at: 'DESC', id: 'ASC' },
      take: clampLimit(limit),
    });
    return rows.map((r) => ({ score: shown(r.score), tier: r.tier, at: r.at, messageId: r.messageId }));
  }

  /**
   * Subjects by score now, highest first, optionally of one tier. Reads every scored subject of the
   * model: narrow rows (score, time) where the score now follows from them, whole states otherwise
   * (window decay, component models) — see README for the cost.
   */
  async ranked(workspaceId: string, modelId: string, kind: SubjectKind, tier: string | null | undefined, limit: number, now = Date.now()): Promise<RankedSubjectModel[]> {
    const model = await this.published.findOne(workspaceId, modelId);
    if (!model) throw notFound('Published scoring model');
    const definition = model.definition;
    if (definition.kind === 'components' && kind === 'person') throw badUserInput(`rankedSubjects: "${definition.name}" is a component model; it scores accounts only`);
    let scored: { subjectId: string; score: number; lastEventAt: number | null }[];
    if (definition.kind === 'components') scored = await this.rankComponents(workspaceId, model, definition, now);
    else if (kind === 'account' && definition.rollup !== 'sum') scored = await this.rankRolledUp(workspaceId, model, definition, now);
    else {
      const rows = await this.stateRows(workspaceId, model, kind, !derivableFromScore(definition), now);
      scored = rows.map((row) => ({ subjectId: row.subjectId, score: eventScoreNow(definition, row, now), lastEventAt: row.lastEventAt }));
    }
    const wanted = tier?.trim() || null;
    const ranked = scored
      .map((s) => ({ ...s, tier: tierOf(definition, s.score)?.name ?? null }))
      .filter((s) => wanted === null || s.tier === wanted)
      .sort((a, b) => b.score - a.score || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0))
      .slice(0, clampLimit(limit));
    const names = await this.namesOf(workspaceId, kind, ranked.map((r) => r.subjectId));
    return ranked.map((r) => ({
      subjectKind: kind as SubjectKindEnum,
      subjectId: r.subjectId,
      name: names.get(r.subjectId) ?? null,
      score: shown(r.score),
      tier: r.tier,
      lastEventAt: r.lastEventAt === null ? null : new Date(r.lastEventAt),
    }));
  }

  private async scoreOf(
    workspaceId: string,
    model: PublishedScoringModel,
    subject: Subject,
    now: number,
  ): Promise<{ score: number; lastEventAt: number | null; components: SubjectScoreModel['components']; contributions: SubjectScoreModel['contributions'] }> {
    const definition: ScoringModel = model.definition;
    if (definition.kind === 'components') {
      const row = (await this.stateRowsOf(workspaceId, model, subject.kind, [subject.id]))[0];
      const { score, components } = componentScoreNow(definition, row?.state as AccountActivity | undefined, subject.traits, now);
      const shownComponents = components.map((c) => ({ ...c, points: shown(c.points), note: c.note ?? null }));
      return { score, lastEventAt: row?.lastEventAt ?? null, components: shownComponents, contributions: [] };
    }
    if (subject.kind === 'account' && definition.rollup !== 'sum') {
      const members = await this.membersOf(workspaceId, [subject.id]);
      const rows = await this.stateRowsOf(workspaceId, model, 'person', members.get(subject.id) ?? []);
      const score = rolledUpScoreNow(definition, rows, now);
      const lastEventAt = rows.length === 0 ? null : Math.max(...rows.map((r) => r.lastEventAt));
      return { score, lastEventAt, components: null, contributions: contributionsOf(definition, rows.map((r) => r.state as ScoreState), now) };
    }
    const row = (await this.stateRowsOf(workspaceId, model, subject.kind, [subject.id]))[0];
    return {
      score: row ? eventScoreNow(definition, row, now) : 0,
      lastEventAt: row?.lastEventAt ?? null,
      components: null,
      contributions: row ? contributionsOf(definition, [row.state as ScoreState], now) : [],
    };
  }

  private async person(workspaceId: string, id: string): Promise<Omit<ProfileModel, 'scores'>> {
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ workspaceId, id });
    if (!person) throw notFound('Person');
    return { subjectKind: SubjectKindEnum.person, subjectId: person.id, userId: person.userId, groupId: null, accountId: person.accountId, traits: person.traits };
  }

  private async account(workspaceId: string, id: string): Promise<Omit<ProfileModel, 'scores'>> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ workspaceId, id });
    if (!account) throw notFound('Account');
    return { subjectKind: SubjectKindEnum.account, subjectId: account.id, userId: null, groupId: account.groupId, accountId: null, traits: account.traits };
  }

  private async modelRows(workspaceId: string, models: readonly PublishedScoringModel[]): Promise<Map<string, ScoringModelEntity>> {
    const rows = await this.dataSource.getRepository(ScoringModelEntity).findBy({ workspaceId, id: In(models.map((m) => m.modelId)) });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** States of the given subjects under the model's current version. */
  private async stateRowsOf(workspaceId: string, model: PublishedScoringModel, kind: SubjectKind, ids: readonly string[]): Promise<StoredScore[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(ScoreStateEntity).findBy({
      workspaceId,
      modelId: model.modelId,
      subjectKind: kind,
      modelVersion: model.version,
      subjectId: In([...ids]),
    });
    return rows.map(storedOf);
  }

  /** Every state of the model's current version for a kind; whole states only when asked. */
  private async stateRows(workspaceId: string, model: PublishedScoringModel, kind: SubjectKind, withState: boolean, now: number): Promise<StoredScore[]> {
    const columns: (keyof ScoreStateEntity)[] = ['subjectId', 'score', 'lastEventAt', ...(withState ? (['state'] as const) : [])];
    const definition = model.definition;
    // Under window decay a subject whose newest event left the window scores 0: its state is not read.
    const since = definition.kind === 'events' && definition.decay.kind === 'window' ? new Date(now - definition.decay.days * 86_400_000) : undefined;
    const rows = await this.dataSource.getRepository(ScoreStateEntity).find({
      select: columns,
      where: { workspaceId, modelId: model.modelId, subjectKind: kind, modelVersion: model.version, ...(since ? { lastEventAt: MoreThan(since) } : {}) },
    });
    return rows.map(storedOf);
  }

  private async rankRolledUp(workspaceId: string, model: PublishedScoringModel, definition: EventScoringModel, now: number) {
    const people = new Map((await this.stateRows(workspaceId, model, 'person', !derivableFromScore(definition), now)).map((row) => [row.subjectId, row]));
    const members = await this.dataSource.getRepository(AccountMemberEntity).find({ select: ['accountId', 'personId'], where: { workspaceId } });
    const byAccount = new Map<string, (StoredScore | undefined)[]>();
    for (const { accountId, personId } of members) {
      const list = byAccount.get(accountId) ?? [];
      list.push(people.get(personId));
      byAccount.set(accountId, list);
    }
    return [...byAccount]
      .filter(([, rows]) => rows.some((row) => row !== undefined))
      .map(([accountId, rows]) => ({
        subjectId: accountId,
        score: rolledUpScoreNow(definition, rows, now),
        lastEventAt: Math.max(...rows.map((row) => row?.lastEventAt ?? -Infinity)),
      }));
  }

  private async rankComponents(workspaceId: string, model: PublishedScoringModel, definition: ComponentScoringModel, now: number) {
    const rows = await this.stateRows(workspaceId, model, 'account', true, now);
    const accounts = await this.dataSource.getRepository(AccountEntity).find({ select: ['id', 'traits'], where: { workspaceId, id: In(rows.map((r) => r.subjectId)) } });
    const traits = new Map(accounts.map((a) => [a.id, a.traits]));
    return rows.map((row) => ({
      subjectId: row.subjectId,
      score: componentScoreNow(definition, row.state as AccountActivity, traits.get(row.subjectId) ?? {}, now).score,
      lastEventAt: row.lastEventAt,
    }));
  }

  private async membersOf(workspaceId: string, accountIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.getRepository(AccountMemberEntity).findBy({ workspaceId, accountId: In([...accountIds]) });
    const members = new Map<string, string[]>();
    for (const { accountId, personId } of rows) members.set(accountId, [...(members.get(accountId) ?? []), personId]);
    return members;
  }

  private async namesOf(workspaceId: string, kind: SubjectKind, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    const label = (traits: Record<string, unknown>, fallback: string | null): string | null => {
      for (const key of ['name', 'email']) if (typeof traits[key] === 'string' && traits[key] !== '') return traits[key] as string;
      return fallback;
    };
    if (kind === 'person') {
      for (const p of await this.dataSource.getRepository(PersonEntity).findBy({ workspaceId, id: In([...ids]) })) {
        const name = label(p.traits, p.userId);
        if (name) names.set(p.id, name);
      }
    } else {
      for (const a of await this.dataSource.getRepository(AccountEntity).findBy({ workspaceId, id: In([...ids]) })) names.set(a.id, label(a.traits, a.groupId)!);
    }
    return names;
  }
}

function contributionsOf(model: EventScoringModel, states: readonly (ScoreState | undefined)[], now: number): SubjectScoreModel['contributions'] {
  return topContributionsOf(model, states, now, RECENT_PER_RULE).map((c) => ({
    messageId: c.messageId,
    event: c.event,
    ruleId: c.ruleId,
    points: shown(c.points),
    basePoints: c.basePoints,
    timestamp: new Date(c.timestamp),
  }));
}

export function clampLimit(limit: number | null | undefined, fallback = 50): number {
  if (limit === null || limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw badUserInput(`limit: must be a whole number from 1 to ${MAX_LIMIT}`);
  return Math.min(limit, MAX_LIMIT);
}
