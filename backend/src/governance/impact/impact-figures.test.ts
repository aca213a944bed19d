import { impactFigures, projectedPerContact, type PlaybookReplay } from './impact-figures';
import type { SideOutcome } from './replay-pair';

const side = (fired: string[], enrollments: number, truePositives: number, converted: number, subject: 'person' | 'account' = 'person'): SideOutcome => ({
  subject,
  fired,
  enrollments,
  truePositives,
  converted,
});
const channels = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('impactFigures', () => {
  // A 28-day window: fires per week = fires / 4.
  const replay: PlaybookReplay = {
    before: side(['p1', 'p2', 'p3', 'p4'], 8, 2, 5),
    after: side(['p3', 'p4', 'p5'], 6, 2, 5),
    outreachPerFire: { before: channels({ email: 1 }), after: channels({ email: 2, slack: 1 }) },
  };

  it('turns fires into per-week figures, new and dropped subjects, precision and recall', () => {
    const figures = impactFigures([replay], 28, []);
    expect(figures.firesPerWeek).toEqual({ before: 2, after: 1.5 });
    expect(figures.newSubjects).toEqual({ count: 1, sample: ['p5'] });
    expect(figures.droppedSubjects).toEqual({ count: 2, sample: ['p1', 'p2'] });
    expect(figures.precision).toEqual({ before: 0.5, after: 2 / 3 });
    expect(figures.recall).toEqual({ before: 0.4, after: 0.4 });
    // Outreach = fires × actions per fire: before 8 emails, after 12 emails and 6 Slack messages, per 4 weeks.
    expect(figures.outreach.perWeek).toEqual({ before: 2, after: 4.5 });
    expect(figures.outreach.byChannel).toEqual([
      { channel: 'email', perWeek: { before: 2, after: 3 } },
      { channel: 'slack', perWeek: { before: 0, after: 1.5 } },
    ]);
    expect([...figures.affected.persons].sort()).toEqual(['p1', 'p2', 'p5']);
  });

  it('projects outreach per contact per cap window and flags caps it passes', () => {
    // After: 6 fires over 3 subjects = 2 per subject in 28 days.
    const caps = [
      { channel: 'email' as const, max: 3, days: 28 }, // 2 emails × 2 fires = 4 > 3
      { channel: 'email' as const, max: 3, days: 7 }, // 2 × max(1, 2 × 7 / 28) = 2 ≤ 3
      { channel: 'all' as const, max: 5, days: 56 }, // 3 × (2 × 56 / 28) = 12 > 5
      { channel: 'crm' as const, max: 1, days: 7 }, // no CRM outreach
    ];
    expect(impactFigures([replay], 28, caps).outreach.caps).toEqual([
      { channel: 'email', limit: 3, window: '28d', projectedPerContact: 4, exceeded: true },
      { channel: 'email', limit: 3, window: '7d', projectedPerContact: 2, exceeded: false },
      { channel: 'all', limit: 5, window: '56d', projectedPerContact: 12, exceeded: true },
      { channel: 'crm', limit: 1, window: '7d', projectedPerContact: 0, exceeded: false },
    ]);
  });

  it('sums several playbooks (a scoring model change): per-contact projections add up, accuracy is micro-averaged', () => {
    const other: PlaybookReplay = {
      before: side([], 0, 0, 2, 'account'),
      after: side(['a1'], 1, 1, 2, 'account'),
      outreachPerFire: { before: channels({}), after: channels({ email: 1 }) },
    };
    const figures = impactFigures([replay, other], 28, []);
    expect(figures.firesPerWeek).toEqual({ before: 2, after: 1.75 });
    expect(figures.precision).toEqual({ before: 0.5, after: 3 / 4 });
    expect(figures.recall).toEqual({ before: 2 / 7, after: 3 / 7 });
    expect([...figures.affected.accounts]).toEqual(['a1']);
    expect(projectedPerContact([replay, other], { channel: 'email', max: 1, days: 28 }, 28)).toBe(4 + 1);
  });

  it('is null for precision and recall when nothing fired, and lists at most 20 subjects', () => {
    const many = Array.from({ length: 25 }, (_, index) => `s${String(index).padStart(2, '0')}`);
    const figures = impactFigures([{ before: side([], 0, 0, 3), after: side(many, 25, 0, 3), outreachPerFire: { before: channels({}), after: channels({}) } }], 7, []);
    expect(figures.precision).toEqual({ before: null, after: 0 });
    expect(figures.recall).toEqual({ before: null, after: 0 });
    expect(figures.newSubjects).toEqual({ count: 25, sample: many.slice(0, 20) });
    expect(impactFigures([], 28, []).firesPerWeek).toEqual({ before: 0, after: 0 });
  });
});
