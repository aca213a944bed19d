import { TRIGGER_KINDS, validate, demoRequestFollowUp, type Trigger } from '@tripline/playbook';
import { TRIGGER_KIND_LABELS, triggerOfKind } from './trigger-kinds';

describe('triggerOfKind', () => {
  const event: Trigger = { kind: 'event', event: 'Feature Used', where: { property: 'event.properties.advanced', operator: 'eq', value: true } };

  it('gives every kind a label and a default that validates', () => {
    for (const kind of TRIGGER_KINDS) {
      expect(TRIGGER_KIND_LABELS[kind]).toBeTruthy();
      const trigger = triggerOfKind(kind, event, 'pql');
      expect(trigger.kind).toBe(kind);
      expect(validate({ ...demoRequestFollowUp, trigger }).problems).toEqual([]);
    }
  });

  it('keeps the event, its filter and the model where the new kind has them', () => {
    expect(triggerOfKind('eventCount', event)).toEqual({ ...event, kind: 'eventCount', atLeast: 5, withinDays: 7 });
    expect(triggerOfKind('growth', event)).toMatchObject({ metric: { kind: 'eventCount', event: 'Feature Used', where: event.where } });
    expect(triggerOfKind('tierChange', { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' }, 'other')).toEqual({ kind: 'tierChange', model: 'pql', to: 'High' });
    expect(triggerOfKind('all', event)).toEqual({ kind: 'all', triggers: [event] });
    expect(triggerOfKind('event', event)).toBe(event);
  });
});
