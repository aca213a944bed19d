import type { ActionStep, Step, Trigger } from '@tripline/playbook';
import { isIrreversible, stepSummary, triggerSummary, type SummaryCatalogue } from './step-summary';

const catalogue: SummaryCatalogue = {
  actions: { 'email.send': { displayName: 'Email: Send', irreversible: true }, 'hubspot.createTask': { displayName: 'HubSpot: Create task', irreversible: false } },
  models: {
    pql: {
      name: 'PQL score',
      tiers: [
        { name: 'Low', min: 0, max: 40 },
        { name: 'Medium', min: 41, max: 70 },
        { name: 'High', min: 71, max: 100 },
      ],
    },
  },
};

const action = (connector: string, name: string, input: Record<string, unknown>): ActionStep => ({ kind: 'action', connector, action: name, connection: 'c', input });

describe('triggerSummary', () => {
  it('shows an event trigger with its filter', () => {
    const trigger: Trigger = { kind: 'event', event: 'Demo Requested', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } };
    expect(triggerSummary(trigger)).toMatch(/^When "Demo Requested" where /);
  });

  it('shows a score trigger in the library wording when the model is unknown', () => {
    const trigger = { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' } as Trigger;
    const text = triggerSummary(trigger);
    expect(text).toContain('71');
    expect(text).not.toContain('(no event)');
  });

  it('names the tier a score threshold leads into, by the model’s tiers', () => {
    expect(triggerSummary({ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' }, catalogue)).toBe('Score ≥ 71 → High tier (PQL score)');
    expect(triggerSummary({ kind: 'scoreThreshold', model: 'pql', threshold: 41, direction: 'down' }, catalogue)).toBe('Score < 41 → Low tier (PQL score)');
    expect(triggerSummary({ kind: 'scoreThreshold', model: 'pql', threshold: 50, direction: 'up' }, catalogue)).toBe('Score ≥ 50 → Medium tier (PQL score)');
    expect(triggerSummary({ kind: 'tierChange', model: 'pql', to: 'High' }, catalogue)).toBe('Tier → High (model PQL score)');
  });
});

describe('stepSummary', () => {
  it('says what an outreach action sends', () => {
    expect(stepSummary(action('email', 'send', { subject: 'Welcome aboard' }))).toBe('Email: Welcome aboard');
    expect(stepSummary(action('email', 'send', {}))).toBe('Email: (no subject yet)');
    expect(stepSummary(action('hubspot', 'createTask', { subject: 'Call Ada' }))).toBe('CRM task: Call Ada');
    expect(stepSummary(action('hubspot', 'updateContactProperties', { properties: { lifecyclestage: 'sql', score: '80' } }))).toBe('CRM update: lifecyclestage, score');
    expect(stepSummary(action('slack', 'postMessage', { channel: '#pql', text: 'Ada is hot' }))).toBe('Slack #pql: Ada is hot');
    expect(stepSummary(action('webhook', 'send', {}))).toBe('Webhook: POST to the connection URL');
    expect(stepSummary(action('custom', 'doIt', {}))).toBe('custom: doIt');
  });

  it('keeps the library wording for the other steps, with model names', () => {
    expect(stepSummary({ kind: 'wait', for: '2d' })).toBe('Wait 2 days');
    expect(stepSummary({ kind: 'score', model: 'pql', adjust: 10 }, catalogue)).toBe('Adjust score by +10 (PQL score)');
    expect(stepSummary({ kind: 'score', model: 'pql' }, catalogue)).toBe('Read score (PQL score)');
    expect(stepSummary({ kind: 'score', model: 'other', adjust: -5 }, catalogue)).toBe('Adjust other score by -5');
    expect(stepSummary({ kind: 'score', model: '' })).toBe('Score (choose a model)');
    expect(stepSummary({ kind: 'condition' } as unknown as Step)).toBe('condition (incomplete)');
  });

  it('cuts long texts short', () => {
    expect(stepSummary(action('email', 'send', { subject: 'x'.repeat(200) })).length).toBe(90);
  });
});

describe('isIrreversible', () => {
  it('follows the connector catalogue', () => {
    expect(isIrreversible(action('email', 'send', {}), catalogue)).toBe(true);
    expect(isIrreversible(action('hubspot', 'createTask', {}), catalogue)).toBe(false);
    expect(isIrreversible(action('email', 'send', {}))).toBe(false);
    expect(isIrreversible({ kind: 'end' }, catalogue)).toBe(false);
  });
});
