/**
 * Finds the Tripline person and account a CRM change is about, inside the delivery's transaction:
 * the person by user id (an identity) else by an `email` trait (case-insensitive); the account by
 * group id else by a `domain` trait, else the person's account. Email and domain are looked up in
 * the traits JSON, one query per change: CRM changes are few next to events.
 */
import type { CrmChangeTriggerItem } from '@tripline/connector-sdk';
import { EntityManager } from 'typeorm';
import { AccountEntity } from '../identity/account.entity';
import { PersonIdentityEntity } from '../identity/person-identity.entity';
import { PersonEntity } from '../identity/person.entity';
import type { LinkedAccount, LinkedCrmChange, LinkedPerson } from './crm-change-firings';

function jsonTrait(manager: EntityManager, alias: string, trait: 'email' | 'domain'): string {
  return manager.connection.options.type === 'postgres'
    ? `lower((${alias}.traits)::jsonb ->> '${trait}')`
    : `lower(json_extract(${alias}.traits, '$.${trait}'))`;
}

async function findPerson(manager: EntityManager, workspaceId: string, who: { userId?: string; email?: string } | undefined): Promise<PersonEntity | null> {
  if (who?.userId) {
    const identity = await manager.findOneBy(PersonIdentityEntity, { workspaceId, kind: 'userId', value: who.userId });
    if (identity) return manager.findOneBy(PersonEntity, { workspaceId, id: identity.personId });
  }
  if (who?.email) {
    return manager
      .createQueryBuilder(PersonEntity, 'p')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .andWhere(`${jsonTrait(manager, 'p', 'email')} = :email`, { email: who.email.toLowerCase() })
      .orderBy('p.createdAt', 'ASC')
      .getOne();
  }
  return null;
}

async function findAccount(manager: EntityManager, workspaceId: string, which: { groupId?: string; domain?: string } | undefined, person: PersonEntity | null): Promise<AccountEntity | null> {
  if (which?.groupId) {
    const account = await manager.findOneBy(AccountEntity, { workspaceId, groupId: which.groupId });
    if (account) return account;
  }
  if (which?.domain) {
    const account = await manager
      .createQueryBuilder(AccountEntity, 'a')
      .where('a.workspaceId = :workspaceId', { workspaceId })
      .andWhere(`${jsonTrait(manager, 'a', 'domain')} = :domain`, { domain: which.domain.toLowerCase() })
      .orderBy('a.createdAt', 'ASC')
      .getOne();
    if (account) return account;
  }
  return person?.accountId ? manager.findOneBy(AccountEntity, { workspaceId, id: person.accountId }) : null;
}

export async function linkCrmSubjects(manager: EntityManager, workspaceId: string, item: CrmChangeTriggerItem): Promise<LinkedCrmChange> {
  const person = await findPerson(manager, workspaceId, item.change.person);
  const account = await findAccount(manager, workspaceId, item.change.account, person);
  const linkedPerson: LinkedPerson | undefined = person ? { id: person.id, userId: person.userId, traits: person.traits } : undefined;
  const linkedAccount: LinkedAccount | undefined = account ? { id: account.id, groupId: account.groupId, traits: account.traits } : undefined;
  return { item, ...(linkedPerson ? { person: linkedPerson } : {}), ...(linkedAccount ? { account: linkedAccount } : {}) };
}
