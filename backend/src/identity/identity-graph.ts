/**
 * Identity resolution for one ingest batch, as pure decisions over what the database already knows.
 * The store loads the persons, ids and accounts a batch mentions, the graph applies the batch's calls
 * in order, and the store writes back `changes()`. Rules (Segment's model, first identified user wins):
 * - a call with only an anonymousId resolves to that id's person, created anonymous if unknown;
 * - a call with a userId resolves to that user's person, created if unknown; its anonymousId is linked
 *   to the same person, and an anonymous person already holding that anonymousId is merged into it;
 *   an anonymousId already held by a *different identified* person stays where it is;
 * - alias stitches previousId (a former userId or anonymousId) to userId: both persons become one;
 * - identify merges traits into the person, group into the account (and links the person to it).
 */
import type { IdentityKind } from './person-identity.entity';

export interface KnownPerson {
  id: string;
  userId: string | null;
  traits: Record<string, unknown>;
  accountId: string | null;
}

export interface KnownAccount {
  id: string;
  groupId: string;
  traits: Record<string, unknown>;
}

export interface KnownIdentity {
  kind: IdentityKind;
  value: string;
  personId: string;
}

/** The identity-relevant part of one Segment call. */
export interface IdentityCall {
  type: 'track' | 'identify' | 'group' | 'page' | 'screen' | 'alias';
  userId: string | null;
  anonymousId: string | null;
  previousId: string | null;
  groupId: string | null;
  traits: Record<string, unknown>;
}

export interface PersonState extends KnownPerson {
  isNew: boolean;
  changed: boolean;
}

export interface AccountState extends KnownAccount {
  isNew: boolean;
  changed: boolean;
}

export interface IdentityChanges {
  newPersons: KnownPerson[];
  changedPersons: KnownPerson[];
  /** Stored persons merged into another: their ids, events and memberships move to `into`. */
  merges: { from: string; into: string }[];
  newIdentities: KnownIdentity[];
  newAccounts: KnownAccount[];
  changedAccounts: KnownAccount[];
  newMemberships: { accountId: string; personId: string }[];
}

const keyOf = (kind: IdentityKind, value: string) => `${kind}\u0000${value}`;

export class IdentityGraph {
  private readonly persons = new Map<string, PersonState>();
  private readonly identities = new Map<string, string>();
  private readonly addedIdentities = new Map<string, { kind: IdentityKind; value: string }>();
  private readonly accountsByGroup = new Map<string, AccountState>();
  private readonly accountsById = new Map<string, AccountState>();
  private readonly redirects = new Map<string, string>();
  private readonly storedMerges: { from: string; into: string }[] = [];
  private readonly memberships = new Set<string>();

  constructor(
    known: { persons: KnownPerson[]; identities: KnownIdentity[]; accounts: KnownAccount[] },
    private readonly newId: () => string,
  ) {
    for (const p of known.persons) this.persons.set(p.id, { ...p, traits: { ...p.traits }, isNew: false, changed: false });
    for (const i of known.identities) this.identities.set(keyOf(i.kind, i.value), i.personId);
    for (const a of known.accounts) this.addAccount({ ...a, traits: { ...a.traits }, isNew: false, changed: false });
  }

  /** Applies one call and returns the id of its person (which a later merge may redirect: see `resolve`). */
  apply(call: IdentityCall): string {
    const person = call.type === 'alias' ? this.alias(call) : this.resolveCaller(call.userId, call.anonymousId);
    if (call.type === 'identify' && Object.keys(call.traits).length > 0) {
      person.traits = { ...person.traits, ...call.traits };
      person.changed = true;
    }
    if (call.type === 'group' && call.groupId !== null) {
      const account = this.upsertAccount(call.groupId, call.traits);
      if (person.accountId !== account.id) {
        person.accountId = account.id;
        person.changed = true;
      }
      this.memberships.add(`${account.id}\u0000${person.id}`);
    }
    return person.id;
  }

  /** The surviving id of a person after the merges made so far. */
  resolve(personId: string): string {
    let id = personId;
    for (let next = this.redirects.get(id); next !== undefined; next = this.redirects.get(id)) id = next;
    return id;
  }

  person(personId: string): KnownPerson {
    const state = this.persons.get(this.resolve(personId));
    if (!state) throw new Error(`Unknown person ${personId}`);
    return state;
  }

  account(accountId: string | null): KnownAccount | undefined {
    return accountId === null ? undefined : this.accountsById.get(accountId);
  }

  changes(): IdentityChanges {
    const live = [...this.persons.values()].filter((p) => !this.redirects.has(p.id));
    const strip = ({ id, userId, traits, accountId }: PersonState): KnownPerson => ({ id, userId, traits, accountId });
    const memberships = new Map<string, { accountId: string; personId: string }>();
    for (const entry of this.memberships) {
      const [accountId, personId] = entry.split('\u0000');
      const resolved = this.resolve(personId);
      memberships.set(`${accountId}\u0000${resolved}`, { accountId, personId: resolved });
    }
    const accounts = [...this.accountsById.values()];
    const stripAccount = ({ id, groupId, traits }: AccountState): KnownAccount => ({ id, groupId, traits });
    return {
      newPersons: live.filter((p) => p.isNew).map(strip),
      changedPersons: live.filter((p) => !p.isNew && p.changed).map(strip),
      merges: this.storedMerges.map(({ from, into }) => ({ from, into: this.resolve(into) })),
      newIdentities: [...this.addedIdentities.entries()].map(([key, { kind, value }]) => ({
        kind,
        value,
        personId: this.resolve(this.identities.get(key)!),
      })),
      newAccounts: accounts.filter((a) => a.isNew).map(stripAccount),
      changedAccounts: accounts.filter((a) => !a.isNew && a.changed).map(stripAccount),
      newMemberships: [...memberships.values()],
    };
  }

  private resolveCaller(userId: string | null, anonymousId: string | null): PersonState {
    if (userId === null) {
      // Validation guarantees at least one id.
      const known = this.lookup('anonymousId', anonymousId!);
      if (known) return known;
      const created = this.create(null);
      this.link('anonymousId', anonymousId!, created);
      return created;
    }
    const user = this.lookup('userId', userId);
    if (user) {
      if (anonymousId !== null) this.attachAnonymousId(anonymousId, user);
      return user;
    }
    const anonymous = anonymousId === null ? undefined : this.lookup('anonymousId', anonymousId);
    if (anonymous && anonymous.userId === null) {
      // The anonymous visitor signed in: the same person, now with a user id.
      anonymous.userId = userId;
      anonymous.changed = true;
      this.link('userId', userId, anonymous);
      return anonymous;
    }
    const created = this.create(userId);
    this.link('userId', userId, created);
    if (anonymousId !== null && !anonymous) this.link('anonymousId', anonymousId, created);
    return created;
  }

  private alias(call: IdentityCall): PersonState {
    // Validation guarantees both ids on alias calls.
    const userId = call.userId!;
    const previousId = call.previousId!;
    const previous = this.lookup('userId', previousId) ?? this.lookup('anonymousId', previousId);
    const current = this.lookup('userId', userId);
    let person: PersonState;
    if (previous && current) {
      if (previous.id !== current.id) this.merge(previous, current);
      person = current;
    } else if (previous) {
      // The person is known from now on by the new user id (the old ids keep pointing at them).
      this.link('userId', userId, previous);
      previous.userId = userId;
      previous.changed = true;
      person = previous;
    } else if (current) {
      this.link('anonymousId', previousId, current);
      person = current;
    } else {
      person = this.create(userId);
      this.link('userId', userId, person);
      this.link('anonymousId', previousId, person);
    }
    if (call.anonymousId !== null) this.attachAnonymousId(call.anonymousId, person);
    return person;
  }

  /** Points an anonymousId at an identified person, merging the anonymous person that held it. */
  private attachAnonymousId(anonymousId: string, person: PersonState): void {
    const holder = this.lookup('anonymousId', anonymousId);
    if (!holder) this.link('anonymousId', anonymousId, person);
    else if (holder.id !== person.id && holder.userId === null) this.merge(holder, person);
  }

  private merge(from: PersonState, into: PersonState): void {
    into.traits = { ...from.traits, ...into.traits };
    into.accountId = into.accountId ?? from.accountId;
    into.changed = true;
    for (const [key, personId] of this.identities) if (personId === from.id) this.identities.set(key, into.id);
    this.redirects.set(from.id, into.id);
    if (!from.isNew) this.storedMerges.push({ from: from.id, into: into.id });
  }

  private lookup(kind: IdentityKind, value: string): PersonState | undefined {
    const personId = this.identities.get(keyOf(kind, value));
    return personId === undefined ? undefined : this.persons.get(this.resolve(personId));
  }

  private link(kind: IdentityKind, value: string, person: PersonState): void {
    const key = keyOf(kind, value);
    if (this.identities.has(key)) return;
    this.identities.set(key, person.id);
    this.addedIdentities.set(key, { kind, value });
  }

  private create(userId: string | null): PersonState {
    const person: PersonState = { id: this.newId(), userId, traits: {}, accountId: null, isNew: true, changed: true };
    this.persons.set(person.id, person);
    return person;
  }

  private upsertAccount(groupId: string, traits: Record<string, unknown>): AccountState {
    let account = this.accountsByGroup.get(groupId);
    if (!account) {
      account = { id: this.newId(), groupId, traits: {}, isNew: true, changed: true };
      this.addAccount(account);
    }
    if (Object.keys(traits).length > 0) {
      account.traits = { ...account.traits, ...traits };
      account.changed = true;
    }
    return account;
  }

  private addAccount(account: AccountState): void {
    this.accountsByGroup.set(account.groupId, account);
    this.accountsById.set(account.id, account);
  }
}
