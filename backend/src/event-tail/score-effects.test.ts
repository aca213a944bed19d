import { DAY_MS, pqlComponentModel, seedEventModel, type EventScoringModel } from '@tripline/scoring';
import { eventModelsById, historyScoreEffect, liveScoreEffects, type TailModel } from './score-effects';

const lead: TailModel = { modelId: 'lead', name: 'Lead score', definition: { ...seedEventModel(), id: 'lead' } };
const pql: TailModel = { modelId: 'pql', name: 'PQL', definition: { ...pqlComponentModel(), id: 'pql' } };
const models = eventModelsById([lead, pql]);
const leadEvents = models.get('lead')!;

describe('liveScoreEffects', () => {
  it('names event-model changes, person first, and leaves out component models and unchanged scores', () => {
    const effects = liveScoreEffects(
      {
        person: [
          { model: 'lead', before: 5, after: 80, tierBefore: 'Low', tierAfter: 'High' },
          { model: 'lead', before: 80, after: 80, tierBefore: 'High', tierAfter: 'High' },
        ],
        account: [
          { model: 'pql', before: 10, after: 12, tierBefore: 'Low', tierAfter: 'Low' },
          { model: 'lead', before: 5, after: 80, tierBefore: 'Low', tierAfter: 'High' },
        ],
      },
      { personId: 'p1', accountId: 'a1' },
      models,
    );
    expect(effects).toEqual([
      { modelId: 'lead', modelName: 'Lead score', subjectKind: 'person', subjectId: 'p1', points: 75, scoreBefore: 5, scoreAfter: 80, tierBefore: 'Low', tierAfter: 'High' },
      { modelId: 'lead', modelName: 'Lead score', subjectKind: 'account', subjectId: 'a1', points: 75, scoreBefore: 5, scoreAfter: 80, tierBefore: 'Low', tierAfter: 'High' },
    ]);
  });
});

describe('historyScoreEffect', () => {
  const step = { modelId: 'lead', subjectKind: 'person' as const, subjectId: 'p1', tier: 'High' };

  it('starts from 0 for a subject first history row', () => {
    expect(historyScoreEffect({ ...step, score: 75, at: 0, previous: null }, leadEvents)).toMatchObject({ points: 75, scoreBefore: 0, tierBefore: 'Low' });
  });

  it('decays the previous score to the event time under a half-life (80 × 2^(−30/30) = 40)', () => {
    expect(historyScoreEffect({ ...step, score: 45, tier: 'Medium', at: 30 * DAY_MS, previous: { score: 80, at: 0 } }, leadEvents)).toMatchObject({
      scoreBefore: 40,
      scoreAfter: 45,
      points: 5,
      tierBefore: 'Low',
      tierAfter: 'Medium',
    });
  });

  it('takes the previous score as it was without decay and under window decay', () => {
    for (const decay of [{ kind: 'none' }, { kind: 'window', days: 7 }] as const) {
      const model = { ...leadEvents, definition: { ...(leadEvents.definition as EventScoringModel), decay } };
      expect(historyScoreEffect({ ...step, score: 85, at: 3 * DAY_MS, previous: { score: 80, at: 0 } }, model)).toMatchObject({ scoreBefore: 80, points: 5 });
    }
  });
});
