import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { badUserInput, notFound } from '../graphql/errors';

/** A document edited as a draft whose publishes become numbered, immutable versions. */
export interface VersionedParent extends ObjectLiteral {
  id: string;
  workspaceId: string;
  publishedVersion: number | null;
  updatedAt: Date;
}

/** A published version row: `version` is unique per parent (the database enforces it). */
export interface PublishedVersionRow extends ObjectLiteral {
  version: number;
  publishedAt: Date;
}

export interface VersionedTables<P extends VersionedParent, V extends PublishedVersionRow> {
  /** What the document is called in errors: "Playbook", "Scoring model". */
  what: string;
  parent: EntityTarget<P>;
  version: EntityTarget<V>;
  /** The version entity's property naming its parent, e.g. "playbookId". */
  parentKey: keyof V & string;
}

/**
 * Publishes the next version of a draft inside the caller's transaction: locks the parent row
 * (PostgreSQL), numbers the version MAX + 1, lets `makeVersion` build it (validating the draft and
 * throwing BAD_USER_INPUT when it cannot be published), stores it and points the parent at it. Two
 * concurrent publishes cannot both become version N: the loser gets a clear BAD_USER_INPUT.
 */
export async function publishNextVersion<P extends VersionedParent, V extends PublishedVersionRow>(
  manager: EntityManager,
  tables: VersionedTables<P, V>,
  workspaceId: string,
  id: string,
  makeVersion: (parent: P, next: number) => V,
): Promise<V> {
  const postgres = manager.connection.options.type === 'postgres';
  const parent = await manager.getRepository(tables.parent).findOne({
    where: { workspaceId, id } as never,
    ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!parent) throw notFound(tables.what);
  const latest = await manager
    .getRepository(tables.version)
    .createQueryBuilder('v')
    .select('MAX(v.version)', 'latest')
    .where(`v.${tables.parentKey} = :id`, { id })
    .getRawOne<{ latest: number | string | null }>();
  const version = makeVersion(parent, Number(latest?.latest ?? 0) + 1);
  try {
    await manager.getRepository(tables.version).insert(version as never);
  } catch (error) {
    if (error instanceof QueryFailedError && /unique|constraint/i.test(error.message)) {
      throw badUserInput(`This ${tables.what.toLowerCase()} was published by someone else at the same moment: reload it and publish again`);
    }
    throw error;
  }
  await manager.getRepository(tables.parent).update({ workspaceId, id } as never, { publishedVersion: version.version, updatedAt: version.publishedAt } as never);
  return version;
}
