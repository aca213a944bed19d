import type { Playbook } from '../../dsl/types';
import { scoringModelReferenceProblems } from './scoring-model-references';

const models = [
  { id: 'lead', name: 'Lead score', tiers: ['Low', 'Medium', 'High'] },
  { id: 'pql', name: 'PQL score', tiers: ['Monitor', 'Nurture', 'Escalate'] },
];
const playbook = (trigger: Playbook['trigger'], nodes: Playbook['nodes'] = { end: { kind: 'end' } }) => ({ trigger, nodes });

describe('scoringModelReferenceProblems', () => {
  it('accepts triggers and score steps naming published models and their tiers', () => {
    expect(scoringModelReferenceProblems(playbook({ kind: 'tierChange', model: 'pql', to: 'Escalate', from: 'Nurture' }, { s: { kind: 'score', model: 'lead', adjust: 5 } }), models)).toEqual([]);
    expect(scoringModelReferenceProblems(playbook({ kind: 'event', event: 'Trial Started' }), [])).toEqual([]);
  });

  it('names a model that is not published, with the ones that are', () => {
    expect(scoringModelReferenceProblems(playbook({ kind: 'scoreThreshold', model: 'nope', threshold: 71, direction: 'up' }), models)).toEqual([
      {
        code: 'unknown_model',
        path: ['trigger', 'model'],
        message: 'trigger.model: no published scoring model has the id "nope" (published: "Lead score" (lead), "PQL score" (pql))',
      },
    ]);
    expect(scoringModelReferenceProblems(playbook({ kind: 'tierChange', model: 'pql' }), [])[0]!.message).toContain('none is published');
  });

  it('finds leaves inside composites, tiers the model lacks and score steps', () => {
    const problems = scoringModelReferenceProblems(
      playbook(
        { kind: 'all', triggers: [{ kind: 'event', event: 'Demo Requested' }, { kind: 'any', triggers: [{ kind: 'tierChange', model: 'pql', to: 'High' }] }] },
        { bump: { kind: 'score', model: 'gone' } },
      ),
      models,
    );
    expect(problems.map((p) => [p.code, p.path, p.nodeId])).toEqual([
      ['unknown_tier', ['trigger', 'triggers', 1, 'triggers', 0, 'to'], undefined],
      ['unknown_model', ['nodes', 'bump', 'model'], 'bump'],
    ]);
    expect(problems[0]!.message).toContain('"PQL score" has no tier "High" (its tiers: Monitor, Nurture, Escalate)');
  });
});
