import { demoRequestFollowUp, parsePlaybook, validate, type Playbook } from '@tripline/playbook';
import { PALETTE_GROUPS, PALETTE_ITEMS } from './palette-items';

const base = (): Playbook => structuredClone(demoRequestFollowUp);

describe('the palette', () => {
  it('has every group, each with items, and unique item ids', () => {
    expect(PALETTE_GROUPS).toEqual(['Triggers', 'Scoring', 'Logic', 'Approvals', 'Outreach']);
    for (const group of PALETTE_GROUPS) expect(PALETTE_ITEMS.some((item) => item.group === group)).toBe(true);
    expect(new Set(PALETTE_ITEMS.map((item) => item.id)).size).toBe(PALETTE_ITEMS.length);
  });

  it('offers the logic steps and the outreach actions of the connectors', () => {
    const logic = PALETTE_ITEMS.filter((item) => item.group === 'Logic' && item.type === 'step').map((item) => item.type === 'step' && item.step({}).kind);
    expect(logic).toEqual(expect.arrayContaining(['condition', 'split', 'wait', 'waitForEvent', 'parallel', 'join']));
    const actions = PALETTE_ITEMS.flatMap((item) => {
      if (item.type !== 'step') return [];
      const step = item.step({});
      return step.kind === 'action' ? [`${step.connector}.${step.action}`] : [];
    });
    expect(actions).toEqual(['email.send', 'hubspot.createTask', 'hubspot.updateContactProperties', 'slack.postMessage', 'webhook.send']);
  });

  it.each(PALETTE_ITEMS.map((item) => [item.id, item] as const))('%s makes a document of the DSL shape', (_id, item) => {
    const document = base();
    if (item.type === 'trigger') document.trigger = item.trigger({ scoringModel: 'pql' });
    else document.nodes['added'] = item.step({ scoringModel: 'pql' });
    expect(parsePlaybook(document)).toMatchObject({ ok: true });
  });

  it('fills in everything a step needs, except what only the workspace can choose (the scoring model)', () => {
    for (const item of PALETTE_ITEMS) {
      const document = base();
      if (item.type === 'trigger') document.trigger = item.trigger({ scoringModel: 'pql' });
      else {
        document.nodes['added'] = item.step({ scoringModel: 'pql' });
        document.edges.push({ from: 'send-confirmation', to: 'added' });
        document.edges = document.edges.filter((edge) => !(edge.from === 'send-confirmation' && edge.to === 'done'));
      }
      const config = validate(document).problems.filter((p) => p.code === 'missing_config' || p.code === 'schema');
      expect({ item: item.id, config }).toEqual({ item: item.id, config: [] });
    }
  });
});
