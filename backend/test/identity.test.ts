import { AccountMemberEntity } from '../src/identity/account-member.entity';
import { AccountEntity } from '../src/identity/account.entity';
import { PersonIdentityEntity } from '../src/identity/person-identity.entity';
import { PersonEntity } from '../src/identity/person.entity';
import { EventEntity } from '../src/ingest/event.entity';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { findAll, messageId, postSegment } from './ingest-support/segment-requests';

describe.each(databaseKindsUnderTest())('identity stitching on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function send(path: string, body: Record<string, unknown>) {
    const res = await postSegment(t, path, { messageId: messageId(path), ...body });
    expect(res).toEqual({ status: 200, body: { success: true } });
  }
  const personOf = async (kind: 'anonymousId' | 'userId', value: string) => {
    const [identity] = await findAll(t, PersonIdentityEntity, { kind, value });
    return identity?.personId;
  };
  const personIdsOfEvents = async (where: Partial<EventEntity>) => [...new Set((await findAll(t, EventEntity, where)).map((e) => e.personId))];

  it('a track from an unknown anonymousId creates an anonymous person', async () => {
    await send('track', { anonymousId: 'anon-new', event: 'Visited' });
    const personId = await personOf('anonymousId', 'anon-new');
    const [person] = await findAll(t, PersonEntity, { id: personId });
    expect(person).toMatchObject({ userId: null, traits: {} });
  });

  it('identify gives the anonymous person the user id and merges traits over time', async () => {
    await send('page', { anonymousId: 'anon-id-1', name: 'Home' });
    const anonymous = await personOf('anonymousId', 'anon-id-1');
    await send('identify', { anonymousId: 'anon-id-1', userId: 'user-id-1', traits: { email: 'ann@example.test', plan: 'free' } });
    await send('identify', { userId: 'user-id-1', traits: { plan: 'pro' } });
    expect(await personOf('userId', 'user-id-1')).toBe(anonymous);
    const [person] = await findAll(t, PersonEntity, { id: anonymous });
    expect(person).toMatchObject({ userId: 'user-id-1', traits: { email: 'ann@example.test', plan: 'pro' } });
  });

  it('identify merges a separate anonymous person into the user: ids and past events move', async () => {
    await send('identify', { userId: 'user-merge', anonymousId: 'laptop', traits: { name: 'Bo', plan: 'pro' } });
    const user = await personOf('userId', 'user-merge');
    // Bo browses anonymously on a phone: a second, anonymous person.
    await send('track', { anonymousId: 'phone', event: 'Pricing Viewed', properties: {} });
    await send('identify', { anonymousId: 'phone', traits: { plan: 'free', device: 'phone' } });
    const phone = await personOf('anonymousId', 'phone');
    expect(phone).not.toBe(user);

    // Bo signs in on the phone.
    await send('identify', { userId: 'user-merge', anonymousId: 'phone' });
    expect(await personOf('anonymousId', 'phone')).toBe(user);
    expect(await findAll(t, PersonEntity, { id: phone })).toEqual([]);
    expect(await personIdsOfEvents({ anonymousId: 'phone' })).toEqual([user]);
    const [person] = await findAll(t, PersonEntity, { id: user });
    // The user's own traits win over the anonymous ones, which fill the gaps.
    expect(person.traits).toEqual({ name: 'Bo', plan: 'pro', device: 'phone' });
  });

  it('alias stitches previousId to userId the same way', async () => {
    await send('track', { anonymousId: 'cookie-7', event: 'Signed Up' });
    await send('identify', { userId: 'user-alias', traits: { email: 'cy@example.test' } });
    const anonymous = await personOf('anonymousId', 'cookie-7');
    const user = await personOf('userId', 'user-alias');
    expect(anonymous).not.toBe(user);
    await send('alias', { previousId: 'cookie-7', userId: 'user-alias' });
    expect(await personOf('anonymousId', 'cookie-7')).toBe(user);
    expect(await personIdsOfEvents({ anonymousId: 'cookie-7' })).toEqual([user]);
    expect(await findAll(t, PersonEntity, { id: anonymous })).toEqual([]);
  });

  it('group links the person to the account with its traits', async () => {
    await send('group', { userId: 'user-group', groupId: 'acme', traits: { name: 'Acme', employees: 250 } });
    await send('group', { userId: 'user-group-2', groupId: 'acme', traits: { plan: 'enterprise' } });
    const [account] = await findAll(t, AccountEntity, { groupId: 'acme' });
    expect(account.traits).toEqual({ name: 'Acme', employees: 250, plan: 'enterprise' });
    const members = await findAll(t, AccountMemberEntity, { accountId: account.id });
    const persons = [await personOf('userId', 'user-group'), await personOf('userId', 'user-group-2')];
    expect(members.map((m) => m.personId).sort()).toEqual([...persons].sort());
    const [person] = await findAll(t, PersonEntity, { id: persons[0] });
    expect(person.accountId).toBe(account.id);
  });

  it('resolves a whole batch in order: anonymous events, then identify, are one person', async () => {
    const res = await postSegment(t, 'batch', {
      batch: [
        { type: 'track', anonymousId: 'anon-batch', event: 'Step 1', messageId: messageId() },
        { type: 'identify', anonymousId: 'anon-batch', userId: 'user-batch', traits: { role: 'admin' }, messageId: messageId() },
        { type: 'track', userId: 'user-batch', event: 'Step 2', messageId: messageId() },
      ],
    });
    expect(res.status).toBe(200);
    const user = await personOf('userId', 'user-batch');
    expect(await personOf('anonymousId', 'anon-batch')).toBe(user);
    expect(await personIdsOfEvents({ event: 'Step 1' })).toEqual([user]);
    expect(await personIdsOfEvents({ event: 'Step 2' })).toEqual([user]);
    expect(await findAll(t, PersonEntity, { userId: 'user-batch' })).toHaveLength(1);
  });

  it('concurrent requests about the same new user make one person (requests for a workspace are serialized)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postSegment(t, 'batch', {
          batch: [
            { type: 'identify', userId: 'user-concurrent', anonymousId: `device-${i}`, traits: { [`seen${i}`]: true }, messageId: messageId() },
            { type: 'track', userId: 'user-concurrent', event: 'Concurrent', messageId: messageId() },
          ],
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    const persons = await findAll(t, PersonEntity, { userId: 'user-concurrent' });
    expect(persons).toHaveLength(1);
    expect(Object.keys(persons[0].traits)).toHaveLength(12);
    for (let i = 0; i < 12; i++) expect(await personOf('anonymousId', `device-${i}`)).toBe(persons[0].id);
    expect(await personIdsOfEvents({ event: 'Concurrent' })).toEqual([persons[0].id]);
  });
});
