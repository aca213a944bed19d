import { Injectable } from '@nestjs/common';
import type { Playbook } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { deepFreeze, WorkspaceCache } from '../versioning/workspace-cache';
import { PlaybookVersionEntity } from './playbook-version.entity';
import { PlaybookEntity } from './playbook.entity';

export interface PublishedPlaybook {
  playbookId: string;
  version: number;
  /** The published snapshot; frozen, shared by every caller. */
  definition: Playbook;
}

/** How long a workspace's list is trusted without asking the database (see WorkspaceCache). */
const CACHE_TTL_MS = 5_000;

/**
 * The current published version of every playbook in a workspace. Ingest asks for it on every
 * batch to match triggers, so it is served from memory and reloaded only after a publish or the TTL.
 */
@Injectable()
export class PublishedPlaybooksService {
  private readonly cache = new WorkspaceCache<readonly PublishedPlaybook[]>(CACHE_TTL_MS, (workspaceId) => this.load(workspaceId));

  constructor(private readonly dataSource: DataSource) {}

  findPublished(workspaceId: string): Promise<readonly PublishedPlaybook[]> {
    return this.cache.get(workspaceId);
  }

  invalidate(workspaceId: string): void {
    this.cache.invalidate(workspaceId);
  }

  private async load(workspaceId: string): Promise<readonly PublishedPlaybook[]> {
    const versions = await this.dataSource
      .getRepository(PlaybookVersionEntity)
      .createQueryBuilder('v')
      .innerJoin(PlaybookEntity, 'p', 'p.id = v.playbookId AND p.publishedVersion = v.version AND p.workspaceId = v.workspaceId')
      .where('v.workspaceId = :workspaceId', { workspaceId })
      .orderBy('v.playbookId', 'ASC')
      .getMany();
    return Object.freeze(
      versions.map((v) => Object.freeze({ playbookId: v.playbookId, version: v.version, definition: deepFreeze(v.definition) })),
    );
  }
}
