import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { bulkInsert, findWhereIn, selectWhereIn } from '../ingest/bulk-sql';
import { AccountMemberEntity } from './account-member.entity';
import { AccountEntity } from './account.entity';
import { IdentityCall, IdentityChanges, IdentityGraph, KnownAccount, KnownIdentity, KnownPerson } from './identity-graph';
import { PersonIdentityEntity } from './person-identity.entity';
import { PersonEntity } from './person.entity';

/**
 * Loads what a batch's calls mention into an IdentityGraph and writes its decisions back, inside the
 * caller's transaction. A handful of queries per batch, not per event: ids are looked up with IN lists
 * and new rows are inserted in multi-row statements.
 */
@Injectable()
export class IdentityStore {
  async load(manager: EntityManager, workspaceId: string, calls: readonly IdentityCall[]): Promise<IdentityGraph> {
    const userIds = new Set<string>();
    const anonymousIds = new Set<string>();
    const groupIds = new Set<string>();
    for (const call of calls) {
      if (call.userId !== null) userIds.add(call.userId);
      if (call.anonymousId !== null) anonymousIds.add(call.anonymousId);
      // A previous id may have been either kind.
      if (call.previousId !== null) {
        userIds.add(call.previousId);
        anonymousIds.add(call.previousId);
      }
      if (call.groupId !== null) groupIds.add(call.groupId);
    }
    const identities: KnownIdentity[] = [
      ...(await this.identities(manager, workspaceId, 'userId', [...userIds])),
      ...(await this.identities(manager, workspaceId, 'anonymousId', [...anonymousIds])),
    ];
    const persons = (await selectWhereIn(manager, 'persons', ['id', 'user_id', 'traits', 'account_id'], workspaceId, 'id', identities.map((i) => i.personId))).map(
      (r): KnownPerson => ({ id: r.id as string, userId: r.user_id as string | null, traits: JSON.parse(r.traits as string), accountId: r.account_id as string | null }),
    );
    const accountIds = [...new Set(persons.flatMap((p) => (p.accountId ? [p.accountId] : [])))];
    const accounts = new Map<string, KnownAccount>();
    for (const a of await findWhereIn(manager, AccountEntity, workspaceId, 'groupId', [...groupIds])) accounts.set(a.id, a);
    for (const a of await findWhereIn(manager, AccountEntity, workspaceId, 'id', accountIds)) accounts.set(a.id, a);
    return new IdentityGraph(
      {
        persons,
        identities,
        accounts: [...accounts.values()].map(({ id, groupId, traits }) => ({ id, groupId, traits })),
      },
      randomUUID,
    );
  }

  /** Writes the graph's changes. Callers move other tables' references of merged persons themselves. */
  async save(manager: EntityManager, workspaceId: string, changes: IdentityChanges, now: Date): Promise<void> {
    for (const { from, into } of changes.merges) await this.mergeStored(manager, workspaceId, from, into);
    for (const p of changes.changedPersons) {
      await manager.update(PersonEntity, { workspaceId, id: p.id }, { userId: p.userId, traits: p.traits, accountId: p.accountId, updatedAt: now } as QueryDeepPartialEntity<PersonEntity>);
    }
    await bulkInsert(manager, PersonEntity, changes.newPersons.map((p) => ({ ...p, workspaceId, createdAt: now, updatedAt: now })));
    await bulkInsert(manager, PersonIdentityEntity, changes.newIdentities.map((i) => ({ ...i, workspaceId })));
    for (const a of changes.changedAccounts) {
      await manager.update(AccountEntity, { workspaceId, id: a.id }, { traits: a.traits, updatedAt: now } as QueryDeepPartialEntity<AccountEntity>);
    }
    await bulkInsert(manager, AccountEntity, changes.newAccounts.map((a) => ({ ...a, workspaceId, createdAt: now, updatedAt: now })));
    await bulkInsert(manager, AccountMemberEntity, changes.newMemberships.map((m) => ({ ...m, workspaceId, createdAt: now })));
  }

  /** Moves a stored person's ids and memberships to the surviving person, then deletes it. */
  private async mergeStored(manager: EntityManager, workspaceId: string, from: string, into: string): Promise<void> {
    await manager.update(PersonIdentityEntity, { workspaceId, personId: from }, { personId: into });
    const theirs = await manager.find(AccountMemberEntity, { where: { workspaceId, personId: from } });
    await bulkInsert(manager, AccountMemberEntity, theirs.map((m) => ({ ...m, personId: into })));
    await manager.delete(AccountMemberEntity, { workspaceId, personId: from });
    await manager.delete(PersonEntity, { workspaceId, id: from });
  }

  private async identities(manager: EntityManager, workspaceId: string, kind: KnownIdentity['kind'], values: string[]): Promise<KnownIdentity[]> {
    const rows = await selectWhereIn(manager, 'person_identities', ['value', 'person_id'], workspaceId, 'value', values, { kind });
    return rows.map((r) => ({ kind, value: r.value as string, personId: r.person_id as string }));
  }
}
