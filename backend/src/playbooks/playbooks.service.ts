import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { pinConnectorVersions } from './pin-connector-versions';
import { parsePlaybook, scoringModelReferenceProblems, validate, type Playbook, type ValidationResult } from '@tripline/playbook';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { changedKeys } from '../audit/changed-keys';
import type { Principal } from '../auth/principal';
import { Transactions } from '../database/transactions';
import { ApprovalPolicies } from '../governance/policy/approval-policies';
import { badUserInput, notFound } from '../graphql/errors';
import { publishNextVersion, VersionedTables } from '../versioning/publish-next-version';
import { checkDescription, checkDraftDocument, checkName, skeletonDraft } from './draft-document';
import { CreatePlaybookInput } from './dto/create-playbook.input';
import { UpdatePlaybookDraftInput } from './dto/update-playbook-draft.input';
import { PlaybookVersionEntity } from './playbook-version.entity';
import { PlaybookEntity } from './playbook.entity';
import { PublishedPlaybooksService } from './published-playbooks.service';
import { PublishedScoringModelsService } from '../scoring/published-scoring-models.service';

const MAX_LISTED = 500;
const PLAYBOOK_VERSIONS: VersionedTables<PlaybookEntity, PlaybookVersionEntity> = {
  what: 'Playbook',
  parent: PlaybookEntity,
  version: PlaybookVersionEntity,
  parentKey: 'playbookId',
};

/** Playbooks of one workspace: every method takes the workspace and never looks outside it. */
@Injectable()
export class PlaybooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly published: PublishedPlaybooksService,
    @Inject(CONNECTOR_REGISTRY) private readonly connectors: ConnectorRegistry,
    private readonly policies: ApprovalPolicies,
    private readonly audit: AuditLog,
    private readonly scoringModels: PublishedScoringModelsService,
  ) {}

  list(workspaceId: string, search?: string | null): Promise<PlaybookEntity[]> {
    const query = this.dataSource
      .getRepository(PlaybookEntity)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .orderBy('p.updatedAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .take(MAX_LISTED);
    const term = search?.trim();
    if (term) {
      // LOWER on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
      const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(`LOWER(p.name) LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    return query.getMany();
  }

  async get(workspaceId: string, id: string): Promise<PlaybookEntity> {
    const playbook = await this.dataSource.getRepository(PlaybookEntity).findOneBy({ workspaceId, id });
    if (!playbook) throw notFound('Playbook');
    return playbook;
  }

  find(workspaceId: string, id: string): Promise<PlaybookEntity | null> {
    return this.dataSource.getRepository(PlaybookEntity).findOneBy({ workspaceId, id });
  }

  /** Newest first. */
  versions(workspaceId: string, playbookId: string): Promise<PlaybookVersionEntity[]> {
    return this.dataSource.getRepository(PlaybookVersionEntity).find({ where: { workspaceId, playbookId }, order: { version: 'DESC' } });
  }

  async create(principal: Principal, input: CreatePlaybookInput): Promise<PlaybookEntity> {
    const name = checkName(input.name);
    const description = checkDescription(input.description);
    const id = randomUUID();
    const draft =
      input.definition === undefined || input.definition === null
        ? skeletonDraft(id, name)
        : { ...checkDraftDocument(input.definition), id, name };
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const repo = manager.getRepository(PlaybookEntity);
      const created = await repo.save(
        repo.create({
          id,
          workspaceId: principal.workspaceId,
          name,
          description,
          draft,
          publishedVersion: null,
          createdBy: principal.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.append(manager, { workspaceId: principal.workspaceId, actor: { userId: principal.userId }, action: 'playbook.created', target: { kind: 'playbook', id }, details: { name } });
      return created;
    });
  }

  /** Saves work in progress. The draft keeps the playbook's id and name in step with the columns. */
  async updateDraft(principal: Principal, id: string, input: UpdatePlaybookDraftInput): Promise<PlaybookEntity> {
    const playbook = await this.get(principal.workspaceId, id);
    const name = input.name === undefined || input.name === null ? playbook.name : checkName(input.name);
    const description = input.description === undefined ? playbook.description : checkDescription(input.description);
    const base = input.definition === undefined || input.definition === null ? playbook.draft : checkDraftDocument(input.definition);
    const changes = { name, description, draft: { ...base, id: playbook.id, name }, updatedAt: new Date() };
    const changed = [
      ...changedKeys({ name: playbook.name, description: playbook.description }, { name, description }),
      ...changedKeys(playbook.draft, changes.draft, 'definition.'),
    ];
    await this.transactions.run(async (manager) => {
      await manager.getRepository(PlaybookEntity).update({ workspaceId: principal.workspaceId, id }, changes);
      if (changed.length > 0) {
        await this.audit.append(manager, { workspaceId: principal.workspaceId, actor: { userId: principal.userId }, action: 'playbook.draftUpdated', target: { kind: 'playbook', id }, details: { changed } });
      }
    });
    return { ...playbook, ...changes };
  }

  validate(definition: unknown): ValidationResult {
    return validate(definition);
  }

  /**
   * Publishes the draft as the next version: it must pass validate() (else BAD_USER_INPUT listing
   * every problem). The snapshot carries the playbook's id, name and version number. Only when the
   * workspace's approval policy has no levels; otherwise FORBIDDEN (changes go through governance/).
   */
  async publish(principal: Principal, id: string): Promise<PlaybookVersionEntity> {
    const { workspaceId } = principal;
    const version = await this.transactions.run(async (manager) => {
      await this.policies.assertDirectPublishAllowed(manager, workspaceId);
      const draft = await manager.getRepository(PlaybookEntity).findOneBy({ workspaceId, id });
      if (draft) await this.checkModelReferences(workspaceId, this.snapshotOf(draft, (draft.publishedVersion ?? 0) + 1));
      const published = await publishNextVersion(manager, PLAYBOOK_VERSIONS, workspaceId, id, (locked, next) =>
        manager.getRepository(PlaybookVersionEntity).create({
          id: randomUUID(),
          workspaceId,
          playbookId: id,
          version: next,
          definition: this.snapshotOf(locked, next),
          publishedAt: new Date(),
          publishedBy: principal.userId,
        }),
      );
      await this.audit.append(manager, {
        workspaceId,
        actor: { userId: principal.userId },
        action: 'playbook.published',
        target: { kind: 'playbook', id },
        details: { version: published.version, versionId: published.id },
      });
      return published;
    });
    this.published.invalidate(workspaceId);
    return version;
  }

  /**
   * Publishes `document` (a snapshot made by proposedDocument(), or an earlier version's) as the next
   * version inside the caller's transaction, stamped with that version number: an approved change
   * request goes live in the transaction of its last approval. The caller calls invalidatePublished()
   * after its commit.
   */
  publishDocumentIn(manager: EntityManager, workspaceId: string, id: string, document: Playbook, userId: string | null): Promise<PlaybookVersionEntity> {
    return publishNextVersion(manager, PLAYBOOK_VERSIONS, workspaceId, id, (_locked, next) =>
      manager.getRepository(PlaybookVersionEntity).create({
        id: randomUUID(),
        workspaceId,
        playbookId: id,
        version: next,
        definition: { ...document, id, version: next },
        publishedAt: new Date(),
        publishedBy: userId,
      }),
    );
  }

  invalidatePublished(workspaceId: string): void {
    this.published.invalidate(workspaceId);
  }

  /**
   * BAD_USER_INPUT listing every scoring model or tier `document` names that the workspace has not
   * published (validate() knows no workspace; such a trigger would never fire).
   */
  async checkModelReferences(workspaceId: string, document: Playbook): Promise<void> {
    const models = (await this.scoringModels.findPublished(workspaceId)).map((model) => ({
      id: model.modelId,
      name: model.definition.name,
      tiers: (model.definition.tiers ?? []).map((tier) => tier.name),
    }));
    const problems = scoringModelReferenceProblems(document, models);
    if (problems.length === 0) return;
    throw badUserInput(`Playbook has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, { problems });
  }

  /** The draft as `version` would publish it (validated, connector versions pinned), or BAD_USER_INPUT with every problem. */
  proposedDocument(playbook: PlaybookEntity, version: number): Playbook {
    return this.snapshotOf(playbook, version);
  }

  /** The draft as it would be published, or BAD_USER_INPUT with every problem. */
  private snapshotOf(playbook: PlaybookEntity, version: number): Playbook {
    const candidate: Record<string, unknown> = { ...playbook.draft, id: playbook.id, version, name: playbook.name };
    if (playbook.description !== null) candidate.description = playbook.description;
    const result = validate(candidate);
    if (!result.ok) {
      const count = result.problems.length;
      throw badUserInput(`Playbook has ${count} problem${count === 1 ? '' : 's'}`, { problems: result.problems });
    }
    const parsed = parsePlaybook(candidate);
    if (!parsed.ok) throw badUserInput('Playbook does not have the shape of a playbook', { problems: parsed.problems });
    const pinned = pinConnectorVersions(parsed.playbook, this.connectors);
    if (pinned.problems.length > 0) {
      const count = pinned.problems.length;
      throw badUserInput(`Playbook has ${count} problem${count === 1 ? '' : 's'}`, { problems: pinned.problems });
    }
    return pinned.playbook;
  }
}
