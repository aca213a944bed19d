import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { validateScoringModel, type ScoringModelValidation } from '@tripline/scoring';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Transactions } from '../database/transactions';
import { notFound } from '../graphql/errors';
import { publishNextVersion, VersionedTables } from '../versioning/publish-next-version';
import { CreateScoringModelInput } from './dto/create-scoring-model.input';
import { UpdateScoringModelDraftInput } from './dto/update-scoring-model-draft.input';
import { checkModelDocument, checkModelName, kindOfDraft, publishableModel, skeletonModel } from './model-document';
import { PublishedScoringModelsService } from './published-scoring-models.service';
import { ScoringModelVersionEntity } from './scoring-model-version.entity';
import { ScoringModelEntity } from './scoring-model.entity';

const MAX_LISTED = 500;
const MODEL_VERSIONS: VersionedTables<ScoringModelEntity, ScoringModelVersionEntity> = {
  what: 'Scoring model',
  parent: ScoringModelEntity,
  version: ScoringModelVersionEntity,
  parentKey: 'modelId',
};

/** Scoring models of one workspace: drafts, validation, publish to immutable versions. Never looks outside the workspace. */
@Injectable()
export class ScoringModelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly published: PublishedScoringModelsService,
  ) {}

  list(workspaceId: string): Promise<ScoringModelEntity[]> {
    return this.dataSource.getRepository(ScoringModelEntity).find({ where: { workspaceId }, order: { updatedAt: 'DESC', id: 'ASC' }, take: MAX_LISTED });
  }

  async get(workspaceId: string, id: string): Promise<ScoringModelEntity> {
    const model = await this.dataSource.getRepository(ScoringModelEntity).findOneBy({ workspaceId, id });
    if (!model) throw notFound('Scoring model');
    return model;
  }

  /** Newest first. */
  versions(workspaceId: string, modelId: string): Promise<ScoringModelVersionEntity[]> {
    return this.dataSource.getRepository(ScoringModelVersionEntity).find({ where: { workspaceId, modelId }, order: { version: 'DESC' } });
  }

  async create(principal: Principal, input: CreateScoringModelInput): Promise<ScoringModelEntity> {
    const name = checkModelName(input.name);
    const id = randomUUID();
    const draft = input.definition === undefined || input.definition === null ? skeletonModel(id, name) : { ...checkModelDocument(input.definition), id, name };
    return this.transactions.run((manager) => this.insert(manager, principal.workspaceId, { id, name, draft, createdBy: principal.userId }));
  }

  /** Saves work in progress; the draft keeps the model's id and name in step with the columns. */
  async updateDraft(principal: Principal, id: string, input: UpdateScoringModelDraftInput): Promise<ScoringModelEntity> {
    const model = await this.get(principal.workspaceId, id);
    const name = input.name === undefined || input.name === null ? model.name : checkModelName(input.name);
    const base = input.definition === undefined || input.definition === null ? model.draft : checkModelDocument(input.definition);
    const draft = { ...base, id: model.id, name };
    const changes = { name, draft, kind: kindOfDraft(draft), updatedAt: new Date() };
    await this.transactions.run((manager) => manager.getRepository(ScoringModelEntity).update({ workspaceId: principal.workspaceId, id }, changes));
    return { ...model, ...changes };
  }

  validate(definition: unknown): ScoringModelValidation {
    return validateScoringModel(definition);
  }

  /**
   * Publishes the draft as the next version: it must pass validateScoringModel() (else BAD_USER_INPUT
   * naming the problems, e.g. the weights' sum). Live scores of the previous version are not carried
   * over: the new version starts fresh state (see live/README in this folder).
   */
  async publish(principal: Principal, id: string): Promise<ScoringModelVersionEntity> {
    const version = await this.transactions.run((manager) => this.publishIn(manager, principal.workspaceId, id, principal.userId));
    this.published.invalidate(principal.workspaceId);
    return version;
  }

  /**
   * Creates a model and publishes it at once, inside the caller's transaction (the default models'
   * seeding). The caller calls invalidatePublished() after its commit.
   */
  async createPublishedIn(manager: EntityManager, workspaceId: string, id: string, definition: Record<string, unknown>): Promise<ScoringModelVersionEntity> {
    const name = checkModelName(definition.name);
    await this.insert(manager, workspaceId, { id, name, draft: { ...definition, id, name }, createdBy: null });
    return this.publishIn(manager, workspaceId, id, null);
  }

  invalidatePublished(workspaceId: string): void {
    this.published.invalidate(workspaceId);
  }

  private insert(manager: EntityManager, workspaceId: string, fields: { id: string; name: string; draft: Record<string, unknown>; createdBy: string | null }): Promise<ScoringModelEntity> {
    const repo = manager.getRepository(ScoringModelEntity);
    const now = new Date();
    return repo.save(repo.create({ ...fields, workspaceId, kind: kindOfDraft(fields.draft), publishedVersion: null, createdAt: now, updatedAt: now }));
  }

  private publishIn(manager: EntityManager, workspaceId: string, id: string, userId: string | null): Promise<ScoringModelVersionEntity> {
    return publishNextVersion(manager, MODEL_VERSIONS, workspaceId, id, (locked, next) =>
      manager.getRepository(ScoringModelVersionEntity).create({
        id: randomUUID(),
        workspaceId,
        modelId: id,
        version: next,
        definition: publishableModel(locked, next),
        publishedAt: new Date(),
        publishedBy: userId,
      }),
    );
  }
}
