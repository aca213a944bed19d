import type { Trigger } from '@tripline/playbook';
import { evaluateTrigger } from '../evaluate-trigger';
import type { CrmChange } from '../types';

const NOW = Date.UTC(2025, 2, 3);
const dealChange = (from: unknown, to: unknown, record: Record<string, unknown>): CrmChange => ({
  object: 'deal',
  recordId: 'deal-1',
  changes: { stage: { from, to } },
  record: { stage: to, ...record },
});

describe('crmChange: win-loss outreach', () => {
  const lost: Trigger = {
    kind: 'crmChange',
    object: 'deal',
    field: 'stage',
    to: 'Closed Lost',
    where: {
      all: [
        { property: 'event.properties.amount', operator: 'gte', value: 10000 },
        { property: 'event.properties.lossReason', operator: 'notExists' },
      ],
    },
  };

  it('fires on Stage → Closed Lost for deals of $10K+ without a loss reason', () => {
    expect(evaluateTrigger(lost, { now: NOW, crmChange: dealChange('Negotiation', 'Closed Lost', { amount: 10000 }) })).toEqual({
      fired: true,
      holds: true,
      reason: 'deal stage Negotiation → Closed Lost',
    });
    expect(evaluateTrigger(lost, { now: NOW, crmChange: dealChange('Negotiation', 'closed lost', { amount: '25000' }) }).fired).toBe(true);
  });

  it('does not fire below $10K, with a loss reason, for another stage, field or object', () => {
    expect(evaluateTrigger(lost, { now: NOW, crmChange: dealChange('Negotiation', 'Closed Lost', { amount: 9999 }) }).fired).toBe(false);
    expect(evaluateTrigger(lost, { now: NOW, crmChange: dealChange('Negotiation', 'Closed Lost', { amount: 50000, lossReason: 'price' }) }).fired).toBe(false);
    expect(evaluateTrigger(lost, { now: NOW, crmChange: dealChange('Negotiation', 'Closed Won', { amount: 50000 }) }).reason).toBe(
      'deal stage Negotiation → Closed Won, not to Closed Lost',
    );
    expect(evaluateTrigger(lost, { now: NOW, crmChange: { object: 'deal', recordId: 'd', changes: { amount: { from: 1, to: 2 } }, record: {} } }).reason).toBe(
      'deal stage did not change',
    );
    expect(evaluateTrigger(lost, { now: NOW, crmChange: { ...dealChange('A', 'Closed Lost', { amount: 50000 }), object: 'company' } }).fired).toBe(false);
  });

  it('can require the value it changed from', () => {
    const reopened: Trigger = { kind: 'crmChange', object: 'deal', field: 'stage', from: 'Closed Lost' };
    expect(evaluateTrigger(reopened, { now: NOW, crmChange: dealChange('Closed Lost', 'Discovery', {}) }).fired).toBe(true);
    expect(evaluateTrigger(reopened, { now: NOW, crmChange: dealChange('Discovery', 'Demo', {}) }).fired).toBe(false);
  });
});
