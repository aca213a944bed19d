import { TRIGGER_TAXONOMY } from '@tripline/playbook';
import { seedEventModel } from '../defaults/seed-event-model';
import { DAY_MS } from '../time/calendar';
import { generateEvents } from '../synthetic/generate-events';
import { runBacktest } from './run-backtest';

describe('every taxonomy trigger over synthetic history', () => {
  const start = Date.UTC(2025, 0, 1);
  const dataset = generateEvents({ accounts: 40, days: 30, seed: 5, start });
  const range = { from: start, to: start + 30 * DAY_MS - 1 };

  const fired = Object.fromEntries(
    TRIGGER_TAXONOMY.map((row) => {
      const result = runBacktest({
        events: dataset.events,
        model: { ...seedEventModel(), id: 'pql' },
        trigger: row.trigger,
        range,
        outcome: { kind: 'event', event: 'Order Completed' },
        subject: row.subject,
        subjectTraits: { 'acct-00001': { contractEndDate: '2025-01-20' } },
      });
      return [row.id, result.fired.length];
    }),
  );

  it('fires the usage, adoption, growth, billing and time-based rows for some subjects', () => {
    for (const id of ['usage-threshold', 'feature-adoption', 'multi-user-growth', 'billing-anomaly', 'pql-escalate', 'activation-stalled', 'weekly-review', 'win-loss-churn']) {
      expect({ id, fires: fired[id]! > 0 }).toEqual({ id, fires: true });
    }
  });

  it('fires nothing where the history has no data for the row', () => {
    // One calendar month of history: no previous month to grow from; no CRM changes; no close dates.
    expect({ growth: fired['engagement-milestone'], lost: fired['win-loss-lost-deal'], midpoint: fired['win-loss-midpoint'] }).toEqual({ growth: 0, lost: 0, midpoint: 0 });
  });
});
