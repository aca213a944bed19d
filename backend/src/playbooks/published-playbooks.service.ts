import { Injectable } from '@nestjs/common';
import type { Playbook } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { PlaybookVersionEntity } from './playbook-version.entity';
import { PlaybookEntity } from './playbook.entity';

export interface PublishedPlaybook {
  playbookId: string;
  version: number;
  /** The published snapshot; frozen, shared by every caller. */
  definition: Playbook;
}

/**
 * How long a workspace's list is trusted without asking the database. Publishing in this process
 * invalidates at once; the TTL bounds how long another API replica's publish takes to be seen here.
 */
const CACHE_TTL_MS = 5_000;

interface CacheEntry {
  loadedAt: number;
  playbooks: Promise<readonly PublishedPlaybook[]>;
}

/**
 * The current published version of every playbook in a workspace. Ingest asks for it on every
 * batch to match triggers, so it is served from memory and reloaded only after a publish or the TTL.
 */
@Injectable()
export class PublishedPlaybooksService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly dataSource: DataSource) {}

  findPublished(workspaceId: string): Promise<readonly PublishedPlaybook[]> {
    const cached = this.cache.get(workspaceId);
    if (cached && Date.now() - cached.loadedAt < CACHE_TTL_MS) return cached.playbooks;
    const entry: CacheEntry = { loadedAt: Date.now(), playbooks: this.load(workspaceId) };
    this.cache.set(workspaceId, entry);
    // A failed load is not cached: the next call asks again.
    entry.playbooks.catch(() => {
      if (this.cache.get(workspaceId) === entry) this.cache.delete(workspaceId);
    });
    return entry.playbooks;
  }

  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
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

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || Object.isFrozen(current)) continue;
    Object.freeze(current);
    for (const child of Object.values(current)) stack.push(child);
  }
  return value;
}
