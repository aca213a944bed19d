import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time such as "2026-01-01T00:00:00Z"' });

/** The settings of the `exportEvents` trigger (a form in the designer). */
export const exportEventsOptionsSchema = z.object({
  /** Only these event names; all events when empty. */
  events: z.array(z.string().trim().min(1, 'Event names cannot be empty')).optional(),
  /** A Mixpanel segmentation expression evaluated by Mixpanel, e.g. `properties["plan"] == "pro"`. */
  where: z.string().trim().min(1).optional(),
  /** How far back the very first poll reads, in days (no checkpoint yet and no backfill). */
  lookbackDays: z.number().int().min(0).max(365, 'Look back at most 365 days; use a backfill for more').default(1),
  /**
   * A date range to load once (inclusive). The runtime runs it by polling with a checkpoint at `from`
   * and `now` = `to`; without a checkpoint the trigger also starts at `from`.
   */
  backfill: z
    .object({ from: instant, to: instant })
    .refine((range) => Date.parse(range.from) <= Date.parse(range.to), {
      message: 'The backfill must start before it ends',
      path: ['to'],
    })
    .optional(),
  /**
   * The most events one poll keeps (whole days, at least the first day with new events). A poll that
   * reaches it returns `complete: false` and the next one carries on from its last event.
   */
  maxEventsPerPoll: z.number().int().min(1).max(1_000_000).default(20_000),
});

export type ExportEventsOptions = z.output<typeof exportEventsOptionsSchema>;
