import { Injectable } from '@nestjs/common';
import type { ScoringModel } from '@tripline/scoring';
import { DataSource } from 'typeorm';
import { deepFreeze, WorkspaceCache } from '../versioning/workspace-cache';
import { ScoringModelVersionEntity } from './scoring-model-version.entity';
import { ScoringModelEntity } from './scoring-model.entity';

export interface PublishedScoringModel {
  /** The scoring model row id; also `definition.id`, what triggers name. */
  modelId: string;
  version: number;
  /** The published snapshot; frozen and shared, so the scoring library's per-model rule index is built once. */
  definition: ScoringModel;
}

const CACHE_TTL_MS = 5_000;

/** The current published version of every scoring model of a workspace, cached for ingest (see WorkspaceCache). */
@Injectable()
export class PublishedScoringModelsService {
  private readonly cache = new WorkspaceCache<readonly PublishedScoringModel[]>(CACHE_TTL_MS, (workspaceId) => this.load(workspaceId));

  constructor(private readonly dataSource: DataSource) {}

  findPublished(workspaceId: string): Promise<readonly PublishedScoringModel[]> {
    return this.cache.get(workspaceId);
  }

  async findOne(workspaceId: string, modelId: string): Promise<PublishedScoringModel | undefined> {
    return (await this.findPublished(workspaceId)).find((model) => model.modelId === modelId);
  }

  invalidate(workspaceId: string): void {
    this.cache.invalidate(workspaceId);
  }

  private async load(workspaceId: string): Promise<readonly PublishedScoringModel[]> {
    const versions = await this.dataSource
      .getRepository(ScoringModelVersionEntity)
      .createQueryBuilder('v')
      .innerJoin(ScoringModelEntity, 'm', 'm.id = v.modelId AND m.publishedVersion = v.version AND m.workspaceId = v.workspaceId')
      .where('v.workspaceId = :workspaceId', { workspaceId })
      .orderBy('v.modelId', 'ASC')
      .getMany();
    return Object.freeze(versions.map((v) => Object.freeze({ modelId: v.modelId, version: v.version, definition: deepFreeze(v.definition) })));
  }
}
