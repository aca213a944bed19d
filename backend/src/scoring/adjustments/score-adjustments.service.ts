import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { tierOf, type AccountActivity, type EventScoringModel, type ScoreState } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transactions } from '../../database/transactions';
import { AccountMemberEntity } from '../../identity/account-member.entity';
import { AccountEntity } from '../../identity/account.entity';
import { PersonEntity } from '../../identity/person.entity';
import { LedgerEntryEntity } from '../../ledger/ledger-entry.entity';
import { scoreStateStore, type LoadedState } from '../live/score-state-store';
import { componentScoreNow, eventScoreNow, rolledUpScoreNow, shown } from '../profile/read-scores';
import { PublishedScoringModelsService, type PublishedScoringModel } from '../published-scoring-models.service';
import type { SubjectKind } from '../score-state.entity';
import { addManualContribution } from './manual-contribution';

export interface ScoreAdjustment {
  workspaceId: string;
  runId: string;
  stepId: string;
  visit: number;
  /** The ledger key, `<workflowId>:<stepId>:<visit>`. */
  key: string;
  subject: { kind: SubjectKind; id: string };
  modelId: string;
  /** Points to add; undefined (or 0): only read. */
  adjust?: number;
}

export interface ScoreReading {
  score: number;
  tier: string | null;
}

/**
 * Score steps of playbook runs: add points to a subject's live score as a manual contribution (in
 * score_states, with a score_history row whose messageId names the run and step, so the profile's
 * top contributions and history show it), or only read the score now. One transaction holds the
 * ledger row, the state and the history, under ingest's lock, so an adjustment never races a batch
 * and a repeated key returns the first answer without adding again.
 */
@Injectable()
export class ScoreAdjustmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly published: PublishedScoringModelsService,
  ) {}

  async adjust(request: ScoreAdjustment): Promise<ScoreReading> {
    const model = await this.published.findOne(request.workspaceId, request.modelId);
    return this.transactions.run(
      async (manager) => {
        const done = await claim(manager, request.workspaceId, request.key);
        if (done) return done;
        if (!model) throw new NotFoundException(`No published scoring model "${request.modelId}" in workspace ${request.workspaceId}`);
        const traits = await subjectTraits(manager, request);
        const now = Date.now();
        // Adding nothing is a read: no state change, no history row.
        const reading =
          request.adjust === undefined || request.adjust === 0
            ? await readNow(manager, request, model, traits, now)
            : await addPoints(manager, request, model, request.adjust, now);
        await complete(manager, request.workspaceId, request.key, reading);
        return reading;
      },
      { lockKey: `ingest:${request.workspaceId}` },
    );
  }
}

/** The ledger row of the key, inserted if new; the recorded answer when the step already ran. */
async function claim(manager: EntityManager, workspaceId: string, key: string): Promise<ScoreReading | undefined> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(LedgerEntryEntity)
    .values({ id: randomUUID(), workspaceId, key, state: 'claimed', claimedAt: new Date(), completedAt: null })
    .orIgnore()
    .execute();
  const entry = await manager.findOneByOrFail(LedgerEntryEntity, { workspaceId, key });
  return entry.state === 'completed' ? (entry.result as ScoreReading) : undefined;
}

async function complete(manager: EntityManager, workspaceId: string, key: string, reading: ScoreReading): Promise<void> {
  // Cast: TypeORM's partial-entity type cannot express a simple-json column of type unknown.
  await manager.update(LedgerEntryEntity, { workspaceId, key }, { state: 'completed', result: reading, completedAt: new Date() } as QueryDeepPartialEntity<LedgerEntryEntity>);
}

/** The subject's traits (component models read account traits); a subject that does not exist is a 404. */
async function subjectTraits(manager: EntityManager, { workspaceId, subject }: ScoreAdjustment): Promise<Record<string, unknown>> {
  const row =
    subject.kind === 'person'
      ? await manager.findOneBy(PersonEntity, { workspaceId, id: subject.id })
      : await manager.findOneBy(AccountEntity, { workspaceId, id: subject.id });
  if (!row) throw new NotFoundException(`No ${subject.kind} "${subject.id}" in workspace ${workspaceId}`);
  return row.traits ?? {};
}

/** Stored states of the model's current version (a state of another version counts as none). */
async function statesOf(manager: EntityManager, workspaceId: string, model: PublishedScoringModel, kind: SubjectKind, ids: string[]): Promise<LoadedState[]> {
  if (ids.length === 0) return [];
  const rows = await scoreStateStore.load(manager, workspaceId, model.modelId, kind, ids);
  return rows.filter((row) => row.modelVersion === model.version);
}

function reading(model: PublishedScoringModel, score: number): ScoreReading {
  return { score: shown(score), tier: tierOf(model.definition, score)?.name ?? null };
}

/** The score now, as the profile reads it (decay at read time; max/average accounts rolled up from members). */
async function readNow(manager: EntityManager, request: ScoreAdjustment, model: PublishedScoringModel, traits: Record<string, unknown>, now: number): Promise<ScoreReading> {
  const { workspaceId, subject } = request;
  const definition = model.definition;
  if (definition.kind === 'components') {
    if (subject.kind !== 'account') throw componentModelForPerson(definition.name);
    const row = (await statesOf(manager, workspaceId, model, 'account', [subject.id]))[0];
    return reading(model, componentScoreNow(definition, row?.state as AccountActivity | undefined, traits, now).score);
  }
  if (subject.kind === 'account' && definition.rollup !== 'sum') {
    const members = await manager.find(AccountMemberEntity, { select: ['personId'], where: { workspaceId, accountId: subject.id } });
    const rows = await statesOf(manager, workspaceId, model, 'person', members.map((m) => m.personId));
    return reading(model, rolledUpScoreNow(definition, rows.map(stored), now));
  }
  const row = (await statesOf(manager, workspaceId, model, subject.kind, [subject.id]))[0];
  return reading(model, row ? eventScoreNow(definition, stored(row), now) : 0);
}

/** Adds `points` to the subject's own state under an event model and records the move in history. */
async function addPoints(manager: EntityManager, request: ScoreAdjustment, model: PublishedScoringModel, points: number, now: number): Promise<ScoreReading> {
  const { workspaceId, subject } = request;
  const definition = model.definition;
  if (definition.kind === 'components') {
    throw new BadRequestException(
      `"${definition.name}" is a component model: its score comes from activity and traits, so points cannot be added; leave out "adjust" to read the score`,
    );
  }
  if (subject.kind === 'account' && definition.rollup !== 'sum') {
    throw new BadRequestException(
      `"${definition.name}" rolls accounts up from their people (${definition.rollup}); an account has no score of its own to adjust — adjust a person, or leave out "adjust"`,
    );
  }
  const row = (await statesOf(manager, workspaceId, model, subject.kind, [subject.id]))[0];
  const messageId = `adjust:${request.runId}:${request.stepId}:${request.visit}`;
  const result = addManualContribution(definition as EventScoringModel, row?.state as ScoreState | undefined, {
    messageId,
    reason: `Playbook run ${request.runId}, step ${request.stepId}`,
    points,
    at: now,
  });
  const tier = tierOf(definition, result.scoreAtNewest)?.name ?? null;
  const moves = result.added ? [{ subjectKind: subject.kind, subjectId: subject.id, score: result.scoreAtNewest, tier, at: now, messageId }] : [];
  await scoreStateStore.save(
    manager,
    workspaceId,
    [{ model, states: [{ subjectKind: subject.kind, subjectId: subject.id, state: result.state, score: result.scoreAtNewest, tier, lastEventAt: result.newest }], moves }],
    new Date(now),
  );
  return reading(model, eventScoreNow(definition as EventScoringModel, { subjectId: subject.id, score: result.scoreAtNewest, lastEventAt: result.newest, state: result.state }, now));
}

function stored(row: LoadedState) {
  return { subjectId: row.subjectId, score: row.score, lastEventAt: row.lastEventAt, state: row.state };
}

function componentModelForPerson(name: string) {
  return new BadRequestException(`"${name}" is a component model; it scores accounts only, not people`);
}
