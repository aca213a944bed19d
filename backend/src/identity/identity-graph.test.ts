import { IdentityCall, IdentityGraph, KnownAccount, KnownIdentity, KnownPerson } from './identity-graph';

function graph(known: { persons?: KnownPerson[]; identities?: KnownIdentity[]; accounts?: KnownAccount[] } = {}) {
  let n = 0;
  return new IdentityGraph({ persons: known.persons ?? [], identities: known.identities ?? [], accounts: known.accounts ?? [] }, () => `new-${++n}`);
}

const call = (c: Partial<IdentityCall> & Pick<IdentityCall, 'type'>): IdentityCall => ({
  userId: null,
  anonymousId: null,
  previousId: null,
  groupId: null,
  traits: {},
  ...c,
});

describe('IdentityGraph', () => {
  it('creates one anonymous person per unknown anonymousId and reuses it', () => {
    const g = graph();
    const a = g.apply(call({ type: 'track', anonymousId: 'anon-1' }));
    const b = g.apply(call({ type: 'page', anonymousId: 'anon-1' }));
    expect(a).toBe(b);
    const changes = g.changes();
    expect(changes.newPersons).toEqual([{ id: a, userId: null, traits: {}, accountId: null }]);
    expect(changes.newIdentities).toEqual([{ kind: 'anonymousId', value: 'anon-1', personId: a }]);
  });

  it('identify with an anonymousId gives the anonymous person the user id and merges traits', () => {
    const g = graph();
    const anonymous = g.apply(call({ type: 'track', anonymousId: 'anon-1' }));
    const identified = g.apply(call({ type: 'identify', anonymousId: 'anon-1', userId: 'u1', traits: { email: 'a@x.test' } }));
    expect(identified).toBe(anonymous);
    expect(g.person(anonymous)).toMatchObject({ userId: 'u1', traits: { email: 'a@x.test' } });
  });

  it('merges a stored anonymous person into the stored user person', () => {
    const g = graph({
      persons: [
        { id: 'p-user', userId: 'u1', traits: { plan: 'pro', name: 'Ann' }, accountId: null },
        { id: 'p-anon', userId: null, traits: { name: 'anon', color: 'blue' }, accountId: 'acc-1' },
      ],
      identities: [
        { kind: 'userId', value: 'u1', personId: 'p-user' },
        { kind: 'anonymousId', value: 'anon-1', personId: 'p-anon' },
      ],
    });
    const person = g.apply(call({ type: 'identify', userId: 'u1', anonymousId: 'anon-1' }));
    expect(person).toBe('p-user');
    expect(g.resolve('p-anon')).toBe('p-user');
    const changes = g.changes();
    expect(changes.merges).toEqual([{ from: 'p-anon', into: 'p-user' }]);
    // The user's own traits win; the anonymous ones fill gaps; the account carries over.
    expect(changes.changedPersons).toEqual([{ id: 'p-user', userId: 'u1', traits: { plan: 'pro', name: 'Ann', color: 'blue' }, accountId: 'acc-1' }]);
    expect(changes.newPersons).toEqual([]);
  });

  it('leaves an anonymousId with the identified user who holds it', () => {
    const g = graph({
      persons: [{ id: 'p1', userId: 'u1', traits: {}, accountId: null }],
      identities: [
        { kind: 'userId', value: 'u1', personId: 'p1' },
        { kind: 'anonymousId', value: 'shared-device', personId: 'p1' },
      ],
    });
    const other = g.apply(call({ type: 'identify', userId: 'u2', anonymousId: 'shared-device' }));
    expect(other).not.toBe('p1');
    const changes = g.changes();
    expect(changes.merges).toEqual([]);
    expect(changes.newIdentities).toEqual([{ kind: 'userId', value: 'u2', personId: other }]);
  });

  it('alias stitches a previous anonymous id to an existing user and merges the persons', () => {
    const g = graph({
      persons: [
        { id: 'p-user', userId: 'u1', traits: {}, accountId: null },
        { id: 'p-anon', userId: null, traits: {}, accountId: null },
      ],
      identities: [
        { kind: 'userId', value: 'u1', personId: 'p-user' },
        { kind: 'anonymousId', value: 'anon-1', personId: 'p-anon' },
      ],
    });
    expect(g.apply(call({ type: 'alias', userId: 'u1', previousId: 'anon-1' }))).toBe('p-user');
    expect(g.changes().merges).toEqual([{ from: 'p-anon', into: 'p-user' }]);
  });

  it('alias renames a user: the old person is known by the new user id too', () => {
    const g = graph({
      persons: [{ id: 'p1', userId: 'old-id', traits: {}, accountId: null }],
      identities: [{ kind: 'userId', value: 'old-id', personId: 'p1' }],
    });
    expect(g.apply(call({ type: 'alias', userId: 'new-id', previousId: 'old-id' }))).toBe('p1');
    expect(g.apply(call({ type: 'track', userId: 'new-id' }))).toBe('p1');
    expect(g.apply(call({ type: 'track', userId: 'old-id' }))).toBe('p1');
    expect(g.changes().changedPersons).toEqual([{ id: 'p1', userId: 'new-id', traits: {}, accountId: null }]);
  });

  it('alias before any other call records the previous id for later events', () => {
    const g = graph();
    const p = g.apply(call({ type: 'alias', userId: 'u1', previousId: 'anon-9' }));
    expect(g.apply(call({ type: 'track', anonymousId: 'anon-9' }))).toBe(p);
  });

  it('a merge within one batch redirects the earlier calls of the merged person', () => {
    const g = graph({
      persons: [{ id: 'p-user', userId: 'u1', traits: {}, accountId: null }],
      identities: [{ kind: 'userId', value: 'u1', personId: 'p-user' }],
    });
    const early = g.apply(call({ type: 'track', anonymousId: 'anon-1' }));
    g.apply(call({ type: 'identify', userId: 'u1', anonymousId: 'anon-1' }));
    expect(g.resolve(early)).toBe('p-user');
    const changes = g.changes();
    // The person made earlier in the batch was never stored: nothing to merge in the database.
    expect(changes.newPersons).toEqual([]);
    expect(changes.merges).toEqual([]);
    expect(changes.newIdentities).toEqual([{ kind: 'anonymousId', value: 'anon-1', personId: 'p-user' }]);
  });

  it('group creates or updates the account, links the person and sets their account', () => {
    const g = graph({ accounts: [{ id: 'acc-1', groupId: 'g1', traits: { name: 'Initech', seats: 5 } }] });
    const p = g.apply(call({ type: 'group', userId: 'u1', groupId: 'g1', traits: { seats: 10 } }));
    const q = g.apply(call({ type: 'group', userId: 'u2', groupId: 'g2', traits: { name: 'Globex' } }));
    const changes = g.changes();
    expect(changes.changedAccounts).toEqual([{ id: 'acc-1', groupId: 'g1', traits: { name: 'Initech', seats: 10 } }]);
    expect(changes.newAccounts).toEqual([{ id: expect.any(String), groupId: 'g2', traits: { name: 'Globex' } }]);
    expect(g.person(p).accountId).toBe('acc-1');
    expect(g.account(g.person(q).accountId)).toMatchObject({ groupId: 'g2' });
    expect(changes.newMemberships).toEqual(
      expect.arrayContaining([
        { accountId: 'acc-1', personId: p },
        { accountId: changes.newAccounts[0].id, personId: q },
      ]),
    );
  });
});
