import type { Trigger } from '@tripline/playbook';
import { triggerSummary } from './step-summary';

describe('triggerSummary', () => {
  it('shows an event trigger with its filter', () => {
    const trigger: Trigger = { kind: 'event', event: 'Demo Requested', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } };
    expect(triggerSummary(trigger)).toMatch(/^When "Demo Requested" where /);
  });

  it('shows a score trigger in the library wording', () => {
    const trigger = { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' } as Trigger;
    const text = triggerSummary(trigger);
    expect(text).toContain('71');
    expect(text).not.toContain('(no event)');
  });
});
