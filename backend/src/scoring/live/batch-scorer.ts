import { tierOf, type ScoreChange, type ScoredEvent, type ScoringModel } from '@tripline/scoring';
import type { PublishedScoringModel } from '../published-scoring-models.service';
import type { SubjectKind } from '../score-state.entity';
import { ComponentModelScorer, EventModelScorer, type ChangedState, type ScoreMove, type SubjectState, type SubjectsToLoad } from './model-scorers';

/** How one event moved the scores of its person and of its account, one change per model that scored it. */
export interface EventScoreChanges {
  person: ScoreChange[];
  account: ScoreChange[];
}

/** A subject's current score and tier under a model, what composite triggers read for models an event did not move. */
export interface CurrentScore {
  score: number;
  tier: string | null;
}

/** Which models triggers read: their changes are computed per event (see ComponentModelScorer, EventModelScorer). */
export interface ScoreReaders {
  /** Models any event-time trigger reads. */
  models: ReadonlySet<string>;
  /** Models account playbooks read (max/average rollups are then computed per event). */
  accountModels: ReadonlySet<string>;
}

export interface ModelBatchResult {
  model: PublishedScoringModel;
  states: ChangedState[];
  moves: ScoreMove[];
}

/**
 * One ingest batch scored in memory by every published model of the workspace: the store loads the
 * states it needs (subjectsToLoad), events are applied in timestamp order (apply), triggers read the
 * changes and current scores, and the changed states and score moves are written back in bulk.
 */
export class BatchScorer {
  private readonly scorers: { published: PublishedScoringModel; scorer: EventModelScorer | ComponentModelScorer }[];
  private readonly byId = new Map<string, EventModelScorer | ComponentModelScorer>();

  constructor(
    models: readonly PublishedScoringModel[],
    private readonly readers: ScoreReaders,
  ) {
    this.scorers = models.map((published) => {
      const definition: ScoringModel = published.definition;
      const scorer =
        definition.kind === 'events'
          ? new EventModelScorer(definition, readers.accountModels.has(published.modelId))
          : new ComponentModelScorer(definition, readers.models.has(published.modelId));
      this.byId.set(published.modelId, scorer);
      return { published, scorer };
    });
  }

  get models(): readonly PublishedScoringModel[] {
    return this.scorers.map((entry) => entry.published);
  }

  /** Whether some model rolls account members up per event (then the store passes the accounts' members). */
  needsMembers(): boolean {
    return this.scorers.some(
      ({ published, scorer }) => scorer instanceof EventModelScorer && scorer.model.rollup !== 'sum' && this.readers.accountModels.has(published.modelId),
    );
  }

  subjectsToLoad(modelId: string, events: readonly ScoredEvent[], membersOf: ReadonlyMap<string, readonly string[]>): SubjectsToLoad {
    return this.byId.get(modelId)!.subjectsToLoad(events, membersOf);
  }

  load(modelId: string, kind: SubjectKind, id: string, entry: SubjectState): void {
    this.byId.get(modelId)!.load(kind, id, entry);
  }

  /** Applies one event to every model (call in timestamp order). */
  apply(event: ScoredEvent): EventScoreChanges {
    const changes: EventScoreChanges = { person: [], account: [] };
    for (const { scorer } of this.scorers) {
      const { person, account } = scorer.apply(event);
      if (person) changes.person.push(person);
      if (account) changes.account.push(account);
    }
    return changes;
  }

  /** The subject's score and tier at `at` under the given models (unknown models are left out). */
  currentScores(kind: SubjectKind, id: string, at: number, traits: Record<string, unknown>, modelIds: Iterable<string>): Record<string, CurrentScore> {
    const scores: Record<string, CurrentScore> = {};
    for (const modelId of modelIds) {
      const scorer = this.byId.get(modelId);
      const score = scorer?.scoreOf(kind, id, at, traits);
      if (scorer === undefined || score === undefined) continue;
      scores[modelId] = { score, tier: tierOf(scorer.model, score)?.name ?? null };
    }
    return scores;
  }

  /** What to write back, per model. */
  results(traitsOf: (kind: SubjectKind, id: string) => Record<string, unknown>): ModelBatchResult[] {
    return this.scorers.map(({ published, scorer }) => {
      // Scoring the changed states may add score moves (component models scored once per batch).
      const states = scorer.changedStates(traitsOf);
      return { model: published, states, moves: scorer.moves };
    });
  }
}
