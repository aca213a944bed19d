import type { ActionStep, WaitForEventStep, WaitStep } from '../dsl/types';
import { validate } from '../validate/validate';
import { EXAMPLE_PLAYBOOKS, postLossEmailSequence } from './index';

const { nodes, edges } = postLossEmailSequence;
const next = (from: string, port?: string) => edges.find((edge) => edge.from === from && edge.port === port)?.to;

describe('the post-loss three-touch email sequence', () => {
  it('validates and is one of the examples', () => {
    expect(validate(postLossEmailSequence)).toEqual({ ok: true, problems: [] });
    expect(EXAMPLE_PLAYBOOKS).toContain(postLossEmailSequence);
  });

  it('sends three emails with text and html bodies, each in weekday business hours, waiting 3 days then a week between them', () => {
    const path: string[] = [];
    for (let node: string | undefined = next('has-email', 'yes'); node; node = next(node)) path.push(node);
    expect(path).toEqual(['invite-hours', 'invite', 'wait-after-invite', 'bump-hours', 'bump', 'wait-after-bump', 'last-note-hours', 'last-note', 'done']);
    for (const touch of ['invite', 'bump', 'last-note']) {
      const step = nodes[touch] as ActionStep;
      expect(step).toMatchObject({ kind: 'action', connector: 'email', action: 'send' });
      expect(Object.keys(step.input)).toEqual(['to', 'subject', 'text', 'html']);
      expect((nodes[`${touch}-hours`] as WaitStep).until).toEqual({ days: [1, 2, 3, 4, 5], startHour: 9, endHour: 12 });
    }
    expect((nodes['wait-after-invite'] as WaitForEventStep).timeout).toBe('3d');
    expect((nodes['wait-after-bump'] as WaitForEventStep).timeout).toBe('1w');
  });

  it('stops as soon as the buyer completes the interview', () => {
    for (const wait of ['wait-after-invite', 'wait-after-bump']) {
      expect((nodes[wait] as WaitForEventStep).event).toEqual({ name: 'Interview Completed' });
      expect(next(wait, 'received')).toBe('interviewed');
    }
    expect(nodes['interviewed']).toMatchObject({ kind: 'end' });
  });

  it('enrolls lost deals of $10K ACV or more without a loss reason, once per buyer', () => {
    expect(postLossEmailSequence.trigger).toEqual({
      kind: 'event',
      event: 'Deal Closed Lost',
      where: {
        all: [
          { property: 'event.properties.amount', operator: 'gte', value: 10000 },
          { property: 'event.properties.lossReason', operator: 'notExists' },
        ],
      },
    });
    expect(postLossEmailSequence.enrollment).toEqual({ subject: 'person', reenroll: 'never' });
  });
});
