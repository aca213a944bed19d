import { Injectable } from '@nestjs/common';
import type { ScoredEvent } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../ingest/bulk-sql';
import { PublishedScoringModelsService } from '../published-scoring-models.service';
import type { SubjectKind } from '../score-state.entity';
import { BatchScorer, type CurrentScore, type EventScoreChanges, type ScoreReaders } from './batch-scorer';
import { rescoreMergedPerson } from './rescore-merged-person';
import { scoreStateStore } from './score-state-store';

const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'account'];

/**
 * One batch's live scoring inside the ingest transaction: apply() each stored track event in
 * timestamp order, read changes and current scores for triggers, then save() once.
 */
export class LiveScoringBatch {
  private readonly traits = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly workspaceId: string,
    private readonly scorer: BatchScorer,
  ) {}

  apply(event: ScoredEvent): EventScoreChanges {
    // The latest traits seen per subject (every event of a batch carries them as known after the batch).
    if (event.person) this.traits.set(`person:${event.person.id}`, event.person.traits);
    if (event.account) this.traits.set(`account:${event.account.id}`, event.account.traits);
    return this.scorer.apply(event);
  }

  currentScores(kind: SubjectKind, id: string, at: number, traits: Record<string, unknown>, modelIds: Iterable<string>): Record<string, CurrentScore> {
    return this.scorer.currentScores(kind, id, at, traits, modelIds);
  }

  async save(manager: EntityManager, now: Date): Promise<void> {
    const results = this.scorer.results((kind, id) => this.traits.get(`${kind}:${id}`) ?? {});
    await scoreStateStore.save(manager, this.workspaceId, results, now);
  }
}

/** Live scores: every published model of the workspace, updated incrementally by ingest (see README). */
@Injectable()
export class LiveScoringService {
  constructor(private readonly published: PublishedScoringModelsService) {}

  /**
   * Loads the states a batch's events need: one query per model and subject kind (plus one for account
   * members when a max/average model must roll accounts up per event). `readers` names the models
   * triggers read.
   */
  async begin(manager: EntityManager, workspaceId: string, events: readonly ScoredEvent[], readers: ScoreReaders): Promise<LiveScoringBatch> {
    const models = await this.published.findPublished(workspaceId);
    const scorer = new BatchScorer(models, readers);
    if (events.length === 0) return new LiveScoringBatch(workspaceId, scorer);
    const membersOf = scorer.needsMembers() ? await this.membersOf(manager, workspaceId, events) : new Map<string, string[]>();
    for (const model of models) {
      const load = scorer.subjectsToLoad(model.modelId, events, membersOf);
      for (const kind of SUBJECT_KINDS) {
        if (load[kind].size === 0) continue;
        for (const row of await scoreStateStore.load(manager, workspaceId, model.modelId, kind, [...load[kind]])) {
          // A state of another version belongs to rules that no longer apply: the new version starts fresh.
          if (row.modelVersion === model.version) scorer.load(model.modelId, kind, row.subjectId, { state: row.state, lastEventAt: row.lastEventAt, score: row.score });
        }
      }
    }
    return new LiveScoringBatch(workspaceId, scorer);
  }

  /** After persons merged (identity stitching), inside the ingest transaction. */
  async movePersons(manager: EntityManager, workspaceId: string, merges: readonly { from: string; into: string }[], now: Date = new Date()): Promise<void> {
    const models = await this.published.findPublished(workspaceId);
    for (const { from, into } of merges) {
      const both = await this.modelsScoringBoth(manager, workspaceId, from, into);
      await scoreStateStore.movePerson(manager, workspaceId, from, into);
      // Two states cannot be added up (caps, decay): the survivor's is rebuilt from both persons' events.
      const rebuild = models.filter((model) => both.has(model.modelId));
      if (rebuild.length > 0) await rescoreMergedPerson(manager, workspaceId, into, rebuild, now);
    }
  }

  /** Models under which both persons have a state. */
  private async modelsScoringBoth(manager: EntityManager, workspaceId: string, a: string, b: string): Promise<Set<string>> {
    const rows = await selectWhereIn(manager, 'score_states', ['model_id', 'subject_id'], workspaceId, 'subject_id', [a, b], { subject_kind: 'person' });
    const seen = new Map<string, Set<string>>();
    for (const row of rows) {
      const subjects = seen.get(row.model_id as string) ?? new Set<string>();
      subjects.add(row.subject_id as string);
      seen.set(row.model_id as string, subjects);
    }
    return new Set([...seen].filter(([, subjects]) => subjects.size === 2).map(([model]) => model));
  }

  private async membersOf(manager: EntityManager, workspaceId: string, events: readonly ScoredEvent[]): Promise<Map<string, string[]>> {
    const accounts = [...new Set(events.flatMap((event) => (event.account ? [event.account.id] : [])))];
    const members = new Map<string, string[]>();
    for (const row of await selectWhereIn(manager, 'account_members', ['account_id', 'person_id'], workspaceId, 'account_id', accounts)) {
      const list = members.get(row.account_id as string) ?? [];
      list.push(row.person_id as string);
      members.set(row.account_id as string, list);
    }
    return members;
  }
}
