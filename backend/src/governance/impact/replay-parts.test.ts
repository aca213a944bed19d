import { validateScoringModel, type EventScoringModel } from '@tripline/scoring';
import { impactWindow } from './impact-window';
import { enrollmentsOf } from './replay-pair';
import { mergeTiers } from './tier-shift';
import { modelForTrigger, modelsReadBy, UNSCORED_MODEL } from './trigger-models';

const DAY_MS = 86_400_000;

describe('impact replay parts', () => {
  it('counts fires as the enrollments the re-enrollment rule allows', () => {
    // Two subjects; one fired on 5 days, the other on 1 (a subject counts at most once a day).
    const summary = { fired: ['a', 'b'], firesPerDay: [{ day: 'd1', count: 2 }, ...Array.from({ length: 4 }, () => ({ day: 'd', count: 1 }))] };
    expect(enrollmentsOf(summary, { subject: 'person', reenroll: 'never' }, 28)).toBe(2);
    expect(enrollmentsOf(summary, { subject: 'person', reenroll: 'always' }, 28)).toBe(6);
    // At most once per 14 days: ceil(28 / 14) = 2 per subject.
    expect(enrollmentsOf(summary, { subject: 'person', reenroll: { afterDays: 14 } }, 28)).toBe(4);
    expect(enrollmentsOf(summary, { subject: 'person', reenroll: { afterDays: 1 } }, 28)).toBe(6);
  });

  it('picks the model a trigger reads, and names what cannot be replayed', () => {
    expect(validateScoringModel(UNSCORED_MODEL)).toEqual({ ok: true, problems: [] });
    const lead = { ...UNSCORED_MODEL, id: 'lead' } as EventScoringModel;
    const models = new Map([['lead', lead]]);
    expect(modelForTrigger({ kind: 'event', event: 'Demo Requested' }, models, 'pb')).toEqual({ model: UNSCORED_MODEL, notes: [] });
    expect(modelForTrigger({ kind: 'scoreThreshold', model: 'lead', threshold: 50, direction: 'up' }, models, 'pb')).toEqual({ model: lead, notes: [] });
    const both = { kind: 'any' as const, triggers: [{ kind: 'tierChange' as const, model: 'gone' }, { kind: 'tierChange' as const, model: 'lead' }, { kind: 'tierChange' as const, model: 'lead' }] };
    expect(modelsReadBy(both)).toEqual(['gone', 'lead']);
    expect(modelForTrigger(both, models, 'pb')).toEqual({ model: lead, notes: [expect.stringMatching(/^pb: the trigger reads scoring model "gone", which is not published/)] });
  });

  it('merges tier distributions in the proposed order, tiers only the published model had, then "none"', () => {
    expect(
      mergeTiers(
        [
          { tier: 'Low', count: 3 },
          { tier: 'High', count: 1 },
          { tier: 'none', count: 1 },
        ],
        [
          { tier: 'Low', count: 2 },
          { tier: 'Mid', count: 2 },
          { tier: 'High', count: 1 },
        ],
      ),
    ).toEqual([
      { tier: 'Low', before: 2, after: 3 },
      { tier: 'High', before: 1, after: 1 },
      { tier: 'Mid', before: 2, after: 0 },
      { tier: 'none', before: 0, after: 1 },
    ]);
    expect(mergeTiers([{ tier: 'Low', count: 1 }], null)).toEqual([{ tier: 'Low', before: 0, after: 1 }]);
  });

  it('looks back windowDays from now, within what a backtest covers', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(impactWindow(28, now)).toEqual({ from: now.getTime() - 28 * DAY_MS, to: now.getTime(), days: 28, notes: [] });
    expect(impactWindow(5000, now)).toMatchObject({ days: 1098, notes: [expect.stringContaining('longer than a backtest covers')] });
    expect(impactWindow(0, now)).toMatchObject({ days: 28, notes: [expect.stringContaining('not a positive number of days')] });
  });
});
