import { evaluateFilter, type Filter } from '@tripline/playbook';
import type { TrackedEvent } from '../triggers/match-triggers';
import { matchWaits } from './match-waits';
import type { RunWaitEntity } from './run-wait.entity';

const openedAt = new Date('2026-01-10T12:00:00Z');
const wait = (overrides: Partial<RunWaitEntity> = {}): RunWaitEntity => ({
  id: 'w1',
  workspaceId: 'ws',
  runId: 'r1',
  workflowId: 'wf1',
  temporalRunId: 't1',
  stepId: 'await',
  visit: 1,
  subjectKind: 'person',
  subjectId: 'p1',
  eventName: 'Task Completed',
  eventWhere: null,
  status: 'open',
  messageId: null,
  openedAt,
  expiresAt: new Date(openedAt.getTime() + 48 * 3600_000),
  matchedAt: null,
  closedAt: null,
  createdAt: openedAt,
  ...overrides,
});
const event = (messageId: string, minutesAfterOpen: number, overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  messageId,
  event: 'Task Completed',
  timestamp: new Date(openedAt.getTime() + minutesAfterOpen * 60_000),
  properties: { taskType: 'sdr_follow_up' },
  person: { id: 'p1', userId: 'u1', traits: {} },
  account: { id: 'a1', groupId: 'g1', traits: {} },
  ...overrides,
});
const now = new Date(openedAt.getTime() + 3600_000);

describe('matchWaits', () => {
  it('takes the earliest satisfying event of the batch, whatever the batch order', () => {
    const matches = matchWaits([wait()], [event('late', 30), event('early', 5), event('before-open', -5)], now);
    expect(matches.map((m) => m.event.messageId)).toEqual(['early']);
  });

  it('reads person and account subjects the way triggers do', () => {
    const forAccount = wait({ subjectKind: 'account', subjectId: 'a1' });
    const otherPerson = event('other', 1, { person: { id: 'p2', userId: 'u2', traits: {} } });
    expect(matchWaits([wait(), forAccount], [otherPerson], now).map((m) => m.wait.subjectKind)).toEqual(['account']);
    expect(matchWaits([forAccount], [event('no-account', 1, { account: undefined })], now)).toEqual([]);
  });

  it('evaluates where over {event, person, account}; a filter that cannot be evaluated matches nothing', () => {
    const where = wait({ eventWhere: { property: 'event.properties.taskType', operator: 'eq', value: 'ae_call' } });
    expect(matchWaits([where], [event('sdr', 1), event('ae', 2, { properties: { taskType: 'ae_call' } })], now).map((m) => m.event.messageId)).toEqual(['ae']);
    // evaluateFilter refuses a filter nested this deep; ingest must go on regardless.
    let deep: Filter = { property: 'event.properties.taskType', operator: 'exists' };
    for (let i = 0; i < 100; i++) deep = { all: [deep] };
    expect(() => evaluateFilter(deep, {})).toThrow(/nested deeper/);
    expect(matchWaits([wait({ eventWhere: deep })], [event('x', 1)], now)).toEqual([]);
  });

  it('skips waits that are not open or have expired by ingest time', () => {
    expect(matchWaits([wait({ status: 'matched' }), wait({ status: 'timedOut' })], [event('x', 1)], now)).toEqual([]);
    expect(matchWaits([wait()], [event('x', 1)], new Date(openedAt.getTime() + 49 * 3600_000))).toEqual([]);
  });
});
