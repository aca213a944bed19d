import { AuthError, createRegistry, defineAuth, defineConnector, definePollingTrigger, type PollArgs, type TriggerItem } from '@tripline/connector-sdk';
import { z } from 'zod';
import { pollAndDeliver } from '../src/polling/polling-activities';
import type { PollState, TriggerDelivery, TriggerDeliveryResult } from '../src/polling/poll-types';
import type { TriggerApi } from '../src/polling/trigger-api';
import { InMemoryWorkerApi } from '../src/test-support/in-memory-worker-api';

const WORKSPACE = 'ws-1';
const item = (id: string, at: string): TriggerItem => ({ kind: 'event', id, at, call: { type: 'track', messageId: `v:${id}`, userId: 'u', event: 'Seen', timestamp: at } });

/** A vendor whose records are fixed; the poll answers everything at or after the checkpoint time (inclusive). */
const records = [item('a', '2025-01-01T00:00:00.000Z'), item('b', '2025-01-01T00:00:01.000Z'), item('c', '2025-01-01T00:00:01.000Z')];
const polls: PollArgs<{ token: string }, { tag: string }>[] = [];
const auth = defineAuth({ kind: 'apiKey', config: z.object({ token: z.string() }), secretFields: ['token'] });
const vendor = defineConnector({
  name: 'vendor',
  version: '1.0.0',
  displayName: 'Vendor',
  auth,
  actions: [],
  triggers: [
    definePollingTrigger({
      auth,
      name: 'records',
      displayName: 'Records',
      description: 'records',
      options: z.object({ tag: z.string().default('x') }),
      intervalSeconds: 60,
      poll: async (args) => {
        polls.push(args);
        if (args.auth.token !== 'good') throw new AuthError('Vendor refused the token');
        const since = args.checkpoint ? Date.parse(args.checkpoint.time) : -Infinity;
        return { items: records.filter((r) => Date.parse(r.at) >= since), complete: true };
      },
    }),
  ],
});

/** Records what the activity hands the API, answering as the API does for fresh items. */
class RecordingTriggerApi implements TriggerApi {
  readonly deliveries: TriggerDelivery[] = [];
  async pollState(): Promise<PollState | null> {
    return null;
  }
  async deliver(delivery: TriggerDelivery): Promise<TriggerDeliveryResult> {
    this.deliveries.push(delivery);
    return { events: { stored: delivery.items.length, duplicates: 0 }, crmChanges: { stored: 0, duplicates: 0 }, firings: 0, rejected: [], checkpoint: delivery.checkpoint ?? null };
  }
  async reportPollError(): Promise<void> {}
}

function setup(token = 'good') {
  const workerApi = new InMemoryWorkerApi();
  workerApi.addConnection(WORKSPACE, { id: 'c1', name: 'vendor-main', connector: 'vendor', config: { token } });
  const triggerApi = new RecordingTriggerApi();
  return { triggerApi, deps: { workerApi, triggerApi, connectors: createRegistry([vendor]) } };
}

const input = { workspaceId: WORKSPACE, connectionId: 'c1', connector: 'vendor', trigger: 'records', options: {}, now: '2025-01-02T00:00:00.000Z', storeCheckpoint: true };

describe('pollAndDeliver', () => {
  beforeEach(() => (polls.length = 0));

  it('polls with the parsed options and delivers only what the checkpoint does not cover, with the new checkpoint', async () => {
    const { deps, triggerApi } = setup();
    const result = await pollAndDeliver(deps, { ...input, checkpoint: { time: '2025-01-01T00:00:01.000Z', idsAtTime: ['b'] } });
    expect(polls[0]).toMatchObject({ options: { tag: 'x' }, now: input.now });
    expect(triggerApi.deliveries).toEqual([
      { workspaceId: WORKSPACE, connectionId: 'c1', trigger: 'records', items: [records[2]], checkpoint: { time: '2025-01-01T00:00:01.000Z', idsAtTime: ['b', 'c'] } },
    ]);
    expect(result).toEqual({ checkpoint: { time: '2025-01-01T00:00:01.000Z', idsAtTime: ['b', 'c'] }, complete: true, items: 1, stored: 1, rejected: 0 });
  });

  it('a backfill delivers without a checkpoint, so the stored one stays put', async () => {
    const { deps, triggerApi } = setup();
    await pollAndDeliver(deps, { ...input, checkpoint: { time: '2025-01-01T00:00:00.000Z', idsAtTime: [] }, storeCheckpoint: false });
    expect(triggerApi.deliveries[0]).not.toHaveProperty('checkpoint');
    expect(triggerApi.deliveries[0]!.items).toHaveLength(3);
  });

  it('passes the connector error on (the activity maps it to a non-retryable failure) and delivers nothing', async () => {
    const { deps, triggerApi } = setup('bad');
    await expect(pollAndDeliver(deps, { ...input, checkpoint: null })).rejects.toBeInstanceOf(AuthError);
    await expect(pollAndDeliver(deps, { ...input, checkpoint: null, options: { tag: 7 } })).rejects.toThrow(/^Invalid options for trigger vendor.records of connection c1: tag: /);
    await expect(pollAndDeliver(deps, { ...input, checkpoint: null, trigger: 'nope' })).rejects.toThrow("Connector 'vendor' has no polling trigger 'nope'");
    expect(triggerApi.deliveries).toEqual([]);
  });
});
