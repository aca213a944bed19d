import { GraphqlPubSub } from './pubsub';

describe('GraphqlPubSub', () => {
  it('delivers payloads published after subscribing, in order, to every subscriber of the topic', async () => {
    const pubsub = new GraphqlPubSub();
    const a = pubsub.subscribe<number>('runs');
    const b = pubsub.subscribe<number>('runs');
    const other = pubsub.subscribe<number>('other');
    await pubsub.publish('runs', 1);
    await pubsub.publish('runs', 2);
    expect(await a.next()).toEqual({ value: 1, done: false });
    expect(await a.next()).toEqual({ value: 2, done: false });
    expect(await b.next()).toEqual({ value: 1, done: false });
    const pending = other.next();
    await pubsub.publish('other', 9);
    expect(await pending).toEqual({ value: 9, done: false });
  });

  it('applies the subscriber filter', async () => {
    const pubsub = new GraphqlPubSub();
    const evens = pubsub.subscribe<number>('n', (n) => n % 2 === 0);
    for (const n of [1, 2, 3, 4]) await pubsub.publish('n', n);
    expect(await evens.next()).toEqual({ value: 2, done: false });
    expect(await evens.next()).toEqual({ value: 4, done: false });
  });

  it('removes the listener on return() and ends a pending next()', async () => {
    const pubsub = new GraphqlPubSub();
    const it = pubsub.subscribe('t');
    expect(pubsub.listenerCount('t')).toBe(1);
    const pending = it.next();
    await it.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(pubsub.listenerCount('t')).toBe(0);
    await pubsub.publish('t', 'late');
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('ends every iterator when the module is destroyed', async () => {
    const pubsub = new GraphqlPubSub();
    const it = pubsub.subscribe('t');
    const pending = it.next();
    pubsub.onModuleDestroy();
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
