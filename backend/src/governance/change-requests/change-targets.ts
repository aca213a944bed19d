import { Injectable } from '@nestjs/common';
import { diffPlaybooks, type ApprovalPolicy, type ChangeImpact, type ChangeTargetKind, type Playbook, type StructuredDiff } from '@tripline/playbook';
import { diffScoringModels, type ScoringModel } from '@tripline/scoring';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { PlaybookVersionEntity } from '../../playbooks/playbook-version.entity';
import { PlaybookEntity } from '../../playbooks/playbook.entity';
import { PlaybooksService } from '../../playbooks/playbooks.service';
import { ScoringModelVersionEntity } from '../../scoring/scoring-model-version.entity';
import { ScoringModelEntity } from '../../scoring/scoring-model.entity';
import { ScoringModelsService } from '../../scoring/scoring-models.service';
import { ChangeImpactService } from '../impact/change-impact.service';

/** A change's target as change requests see it: a playbook or a scoring model, with its draft and current version. */
export interface ChangeTarget {
  kind: ChangeTargetKind;
  id: string;
  name: string;
  publishedVersion: number | null;
  /** The stored row (its draft is what publishPlaybook / publishScoringModel proposes). */
  row: PlaybookEntity | ScoringModelEntity;
}

/** A published document: a playbook or a scoring model version's definition. */
export type TargetDocument = Playbook | ScoringModel;

/** "playbook" → "Playbook": for messages. */
export function targetNoun(kind: ChangeTargetKind): string {
  return kind === 'playbook' ? 'Playbook' : 'Scoring model';
}

/**
 * The one place governance touches playbooks and scoring models: read a target and its versions,
 * make the proposal of its draft, diff and assess a change, publish a document inside the caller's
 * transaction. Everything else in governance is the same for both kinds.
 */
@Injectable()
export class ChangeTargets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly playbooks: PlaybooksService,
    private readonly scoringModels: ScoringModelsService,
    private readonly impacts: ChangeImpactService,
  ) {}

  /** The target, or NOT_FOUND; read inside `manager` when given (PostgreSQL: no lock, publishing locks). */
  async load(workspaceId: string, kind: ChangeTargetKind, id: string, manager: EntityManager = this.dataSource.manager): Promise<ChangeTarget> {
    const row = await manager.findOneBy(kind === 'playbook' ? PlaybookEntity : ScoringModelEntity, { workspaceId, id });
    if (!row) throw notFound(targetNoun(kind));
    return { kind, id: row.id, name: row.name, publishedVersion: row.publishedVersion, row };
  }

  /** Which kind `id` is (playbook ids are looked up first), or NOT_FOUND. */
  async kindOf(workspaceId: string, id: string): Promise<ChangeTargetKind> {
    if (await this.dataSource.manager.existsBy(PlaybookEntity, { workspaceId, id })) return 'playbook';
    if (await this.dataSource.manager.existsBy(ScoringModelEntity, { workspaceId, id })) return 'scoringModel';
    throw notFound('Playbook or scoring model');
  }

  /** A published version's document, or null when there is no such version. */
  async versionDocument(workspaceId: string, kind: ChangeTargetKind, id: string, version: number): Promise<TargetDocument | null> {
    const found = await this.versionRow(workspaceId, kind, id, version);
    return found?.definition ?? null;
  }

  /** When a version was published, or null. */
  async versionRow(workspaceId: string, kind: ChangeTargetKind, id: string, version: number): Promise<{ definition: TargetDocument; publishedAt: Date } | null> {
    if (kind === 'playbook') {
      return this.dataSource.manager.findOneBy(PlaybookVersionEntity, { workspaceId, playbookId: id, version });
    }
    return this.dataSource.manager.findOneBy(ScoringModelVersionEntity, { workspaceId, modelId: id, version });
  }

  /** The draft as it would be published as `version`, or BAD_USER_INPUT listing its problems (same checks as publish). */
  draftProposal(target: ChangeTarget, version: number): TargetDocument {
    return target.kind === 'playbook'
      ? this.playbooks.proposedDocument(target.row as PlaybookEntity, version)
      : this.scoringModels.proposedDocument(target.row as ScoringModelEntity, version);
  }

  /** BAD_USER_INPUT when a playbook proposal names scoring models or tiers the workspace has not published. */
  async checkReferences(workspaceId: string, kind: ChangeTargetKind, proposed: TargetDocument): Promise<void> {
    if (kind === 'playbook') await this.playbooks.checkModelReferences(workspaceId, proposed as Playbook);
  }

  diff(kind: ChangeTargetKind, before: TargetDocument | null, after: TargetDocument): StructuredDiff {
    return kind === 'playbook' ? diffPlaybooks(before as Playbook | null, after as Playbook) : diffScoringModels(before as ScoringModel | null, after as ScoringModel);
  }

  /** The impact summary (a backtest over stored history: call it outside a write transaction). */
  impact(workspaceId: string, kind: ChangeTargetKind, before: TargetDocument | null, after: TargetDocument, policy: ApprovalPolicy): Promise<ChangeImpact> {
    return kind === 'playbook'
      ? this.impacts.playbookImpact(workspaceId, before as Playbook | null, after as Playbook, policy)
      : this.impacts.scoringModelImpact(workspaceId, before as ScoringModel | null, after as ScoringModel, policy);
  }

  /**
   * Publishes `document` as the target's next version inside the caller's transaction (PostgreSQL: the
   * target row is locked until commit). Returns the new version number; call invalidate() after commit.
   */
  async publishIn(manager: EntityManager, workspaceId: string, kind: ChangeTargetKind, id: string, document: TargetDocument, userId: string | null): Promise<number> {
    const row =
      kind === 'playbook'
        ? await this.playbooks.publishDocumentIn(manager, workspaceId, id, document as Playbook, userId)
        : await this.scoringModels.publishDocumentIn(manager, workspaceId, id, document as ScoringModel, userId);
    return row.version;
  }

  /** The target's published version as the caller's transaction sees it (PostgreSQL: locks the row). */
  async currentVersionIn(manager: EntityManager, workspaceId: string, kind: ChangeTargetKind, id: string): Promise<number | null> {
    const postgres = manager.connection.options.type === 'postgres';
    const row = await manager.findOne(kind === 'playbook' ? PlaybookEntity : ScoringModelEntity, {
      where: { workspaceId, id },
      ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw notFound(targetNoun(kind));
    return row.publishedVersion;
  }

  /** After a commit that published: ingest and the tickers read the new version at once. */
  invalidate(workspaceId: string, kind: ChangeTargetKind): void {
    if (kind === 'playbook') this.playbooks.invalidatePublished(workspaceId);
    else this.scoringModels.invalidatePublished(workspaceId);
  }
}
