import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { validateScoringModel, type ScoringModel, type ScoringModelValidation } from '@tripline/scoring';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, type AuditActor } from '../audit/audit-log';
import { changedKeys } from '../audit/changed-keys';
import type { Principal } from '../auth/principal';
import { Transactions } from '../database/transactions';
import { ApprovalPolicies } from '../governance/policy/approval-policies';
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
    private readonly policies: ApprovalPolicies,
    private readonly audit: AuditLog,
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
    const changed = [...changedKeys({ name: model.name }, { name }), ...changedKeys(model.draft, draft, 'definition.')];
    await this.transactions.run(async (manager) => {
      await manager.getRepository(ScoringModelEntity).update({ workspaceId: principal.workspaceId, id }, changes);
      if (changed.length > 0) {
        await this.audit.append(manager, { workspaceId: principal.workspaceId, actor: { userId: principal.userId }, action: 'scoringModel.draftUpdated', target: { kind: 'scoringModel', id }, details: { changed } });
      }
    });
    return { ...model, ...changes };
  }

  validate(definition: unknown): ScoringModelValidation {
    return validateScoringModel(definition);
  }

  /**
   * Publishes the draft as the next version: it must pass validateScoringModel() (else BAD_USER_INPUT
   * naming the problems, e.g. the weights' sum). Live scores of the previous version are not carried
   * over: the new version starts fresh state (see live/README in this folder). Only when the
   * workspace's approval policy has no levels; otherwise FORBIDDEN (changes go through governance/).
   */
  async publish(principal: Principal, id: string): Promise<ScoringModelVersionEntity> {
    const version = await this.transactions.run(async (manager) => {
      await this.policies.assertDirectPublishAllowed(manager, principal.workspaceId);
      return this.publishIn(manager, principal.workspaceId, id, principal.userId);
    });
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

  /** The draft as `version` would publish it, or BAD_USER_INPUT naming its problems (a change request's proposal). */
  proposedDocument(model: ScoringModelEntity, version: number): ScoringModel {
    return publishableModel(model, version);
  }

  /**
   * Publishes `document` (a proposal, or an earlier version's document) as the next version inside the
   * caller's transaction, stamped with that version number. The caller calls invalidatePublished() after its commit.
   */
  publishDocumentIn(manager: EntityManager, workspaceId: string, id: string, document: ScoringModel, userId: string | null): Promise<ScoringModelVersionEntity> {
    return publishNextVersion(manager, MODEL_VERSIONS, workspaceId, id, (_locked, next) =>
      manager.getRepository(ScoringModelVersionEntity).create({
        id: randomUUID(),
        workspaceId,
        modelId: id,
        version: next,
        definition: { ...document, id, version: next },
        publishedAt: new Date(),
        publishedBy: userId,
      }),
    );
  }

  /** Audited: by the creator, or (createdBy null: the default models' seeding) by 'bootstrap'. */
  private async insert(manager: EntityManager, workspaceId: string, fields: { id: string; name: string; draft: Record<string, unknown>; createdBy: string | null }): Promise<ScoringModelEntity> {
    const repo = manager.getRepository(ScoringModelEntity);
    const now = new Date();
    const created = await repo.save(repo.create({ ...fields, workspaceId, kind: kindOfDraft(fields.draft), publishedVersion: null, createdAt: now, updatedAt: now }));
    await this.audit.append(manager, { workspaceId, actor: actorOf(fields.createdBy), action: 'scoringModel.created', target: { kind: 'scoringModel', id: fields.id }, details: { name: fields.name } });
    return created;
  }

  /** Audited like insert(): userId null is the seeding. */
  private async publishIn(manager: EntityManager, workspaceId: string, id: string, userId: string | null): Promise<ScoringModelVersionEntity> {
    const published = await publishNextVersion(manager, MODEL_VERSIONS, workspaceId, id, (locked, next) =>
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
    await this.audit.append(manager, {
      workspaceId,
      actor: actorOf(userId),
      action: 'scoringModel.published',
      target: { kind: 'scoringModel', id },
      details: { version: published.version, versionId: published.id },
    });
    return published;
  }
}

function actorOf(userId: string | null): AuditActor {
  return userId === null ? { system: 'bootstrap' } : { userId };
}
