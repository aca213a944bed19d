import { demoRequestFollowUp, type Playbook, type Reenroll } from '@tripline/playbook';
import { decideEnrollments, enrollmentKeyOf } from './enrollment-rules';
import { matchTriggers, PublishedPlaybookVersion, TrackedEvent } from './match-triggers';

function published(overrides: Partial<Playbook> & { reenroll?: Reenroll; subject?: 'person' | 'account' } = {}): PublishedPlaybookVersion {
  const { reenroll, subject, ...rest } = overrides;
  return {
    playbookId: 'pb-1',
    version: 3,
    definition: {
      ...demoRequestFollowUp,
      ...rest,
      enrollment: { subject: subject ?? 'person', reenroll: reenroll ?? 'never' },
    },
  };
}

const day = 24 * 60 * 60 * 1000;
const event = (overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  messageId: 'm-1',
  event: 'Demo Requested',
  timestamp: new Date('2025-03-01T10:00:00.000Z'),
  properties: { plan: 'pro', seats: 12 },
  person: { id: 'person-1', userId: 'u1', traits: { email: 'ann@example.test' } },
  ...overrides,
});

describe('matchTriggers', () => {
  it('matches the event name and builds the evaluation context', () => {
    const [match] = matchTriggers([event(), event({ event: 'Other' })], [published()]);
    expect(match.subject).toEqual({ kind: 'person', id: 'person-1' });
    expect(match.context).toEqual({
      event: { name: 'Demo Requested', messageId: 'm-1', timestamp: '2025-03-01T10:00:00.000Z', properties: { plan: 'pro', seats: 12 } },
      person: { id: 'person-1', userId: 'u1', traits: { email: 'ann@example.test' } },
    });
    expect(matchTriggers([event({ event: 'Other' })], [published()])).toEqual([]);
  });

  it('applies the trigger filter over event properties and person traits', () => {
    const where = {
      all: [
        { property: 'event.properties.seats', operator: 'gte' as const, value: 10 },
        { property: 'person.traits.email', operator: 'endsWith' as const, value: '@example.test' },
      ],
    };
    const pb = published({ trigger: { kind: 'event', event: 'Demo Requested', where } });
    expect(matchTriggers([event()], [pb])).toHaveLength(1);
    expect(matchTriggers([event({ properties: { seats: 3 } })], [pb])).toHaveLength(0);
  });

  it('enrolls the account for account playbooks and skips persons without one', () => {
    const pb = published({ subject: 'account' });
    const withAccount = event({ account: { id: 'acc-1', groupId: 'g1', traits: { employees: 500 } } });
    const [match] = matchTriggers([withAccount, event({ messageId: 'm-2' })], [pb]);
    expect(match.subject).toEqual({ kind: 'account', id: 'acc-1' });
    expect(match.context.account).toEqual({ id: 'acc-1', groupId: 'g1', traits: { employees: 500 } });
    expect(matchTriggers([event()], [pb])).toEqual([]);
  });
});

describe('enrollment rules', () => {
  it("'never': one key per subject, never again once enrolled", () => {
    const matches = matchTriggers([event(), event({ messageId: 'm-2' })], [published({ reenroll: 'never' })]);
    expect(enrollmentKeyOf(matches[0])).toBe('pb-1:person:person-1');
    expect(decideEnrollments(matches, []).map((d) => d.enrollmentKey)).toEqual(['pb-1:person:person-1']);
    const past = [{ playbookId: 'pb-1', subjectKind: 'person', subjectId: 'person-1', eventTimestamp: new Date(0) }];
    expect(decideEnrollments(matches, past)).toEqual([]);
  });

  it("'always': one enrollment per event, the same event twice enrolls once", () => {
    const pb = published({ reenroll: 'always' });
    const matches = matchTriggers([event(), event({ messageId: 'm-2' }), event()], [pb]);
    expect(decideEnrollments(matches, []).map((d) => d.enrollmentKey)).toEqual(['pb-1:person:person-1:m-1', 'pb-1:person:person-1:m-2']);
  });

  it('{ afterDays }: skipped within the window of an earlier enrollment, in event time', () => {
    const pb = published({ reenroll: { afterDays: 30 } });
    const t0 = new Date('2025-03-01T10:00:00.000Z');
    const matches = matchTriggers(
      [
        event({ messageId: 'a', timestamp: t0 }),
        event({ messageId: 'b', timestamp: new Date(t0.getTime() + 10 * day) }),
        event({ messageId: 'c', timestamp: new Date(t0.getTime() + 31 * day) }),
      ],
      [pb],
    );
    expect(decideEnrollments(matches, []).map((d) => d.enrollmentKey)).toEqual(['pb-1:person:person-1:a', 'pb-1:person:person-1:c']);
    const past = [{ playbookId: 'pb-1', subjectKind: 'person', subjectId: 'person-1', eventTimestamp: new Date(t0.getTime() - 5 * day) }];
    expect(decideEnrollments(matches, past).map((d) => d.enrollmentKey)).toEqual(['pb-1:person:person-1:c']);
  });
});
