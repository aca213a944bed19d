import { definePollingTrigger, type TriggerItem } from '@tripline/connector-sdk';
import { z } from 'zod';
import { hubspotAuth } from '../auth/hubspot-auth';
import { searchRecords } from '../crm/crm-objects';
import type { SearchFilter } from '../crm/crm-types';
import { dealStageChangeItem } from './deal-stage-change';

/** HubSpot's search returns at most 200 per page and 10,000 per query. */
const MAX_PAGE_SIZE = 200;
const MAX_RESULTS_PER_QUERY = 10_000;
/** The search API allows 5 requests per second per account: pages of one poll are spaced out. */
const SEARCH_SPACING_MS = 250;

export const dealStagePollOptions = z.object({
  /** Backfill: report stage changes from this time on the first poll (ISO 8601); default: from the first poll. */
  since: z.string().datetime({ offset: true }).optional(),
  /** Only deals of this pipeline (its id, e.g. "default"). */
  pipeline: z.string().min(1).optional(),
  /** Only changes into these stages (internal ids, e.g. "closedlost"); all when empty. */
  toStages: z.array(z.string().min(1)).default([]),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
});

export const DEAL_PROPERTIES = [
  'dealname',
  'dealstage',
  'pipeline',
  'amount',
  'closedate',
  'hubspot_owner_id',
  'closed_lost_reason',
  'hs_lastmodifieddate',
  'hs_v2_date_entered_current_stage',
];

/**
 * Deals whose stage changed, found with the CRM search API: modified at or after the cursor
 * (`hs_lastmodifieddate`, inclusive, up to the poll's `now`) and entered their current stage at or
 * after it too, oldest modification first. Every page of the query is read in one poll, so a deal
 * modified again after its stage change is not skipped by a half-read query; only a window with more
 * than HubSpot's 10,000-result cap ends the poll early (`complete: false`: poll again at once).
 */
export const dealStageChangedPoll = definePollingTrigger({
  auth: hubspotAuth,
  name: 'dealStageChangedPoll',
  displayName: 'Deal stage changed (polling)',
  description: 'Polls HubSpot for deals that entered a new stage (optionally only some stages of one pipeline).',
  options: dealStagePollOptions,
  intervalSeconds: 60,
  async poll({ auth, options, checkpoint, now, signal }) {
    const fromMs = Date.parse(checkpoint?.time ?? options.since ?? now);
    const toMs = Date.parse(now);
    const filters: SearchFilter[] = [
      { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(fromMs) },
      { propertyName: 'hs_lastmodifieddate', operator: 'LTE', value: String(toMs) },
      { propertyName: 'hs_v2_date_entered_current_stage', operator: 'GTE', value: String(fromMs) },
    ];
    if (options.pipeline) filters.push({ propertyName: 'pipeline', operator: 'EQ', value: options.pipeline });
    if (options.toStages.length > 0) filters.push({ propertyName: 'dealstage', operator: 'IN', values: options.toStages });

    const items: TriggerItem[] = [];
    let after: string | undefined;
    let read = 0;
    for (;;) {
      const page = await searchRecords(
        auth,
        'deals',
        {
          filterGroups: [{ filters }],
          sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
          properties: DEAL_PROPERTIES,
          limit: options.pageSize,
          after,
        },
        signal,
      );
      for (const deal of page.results) {
        const modifiedAt = epochMs(deal.properties.hs_lastmodifieddate);
        const enteredAt = epochMs(deal.properties.hs_v2_date_entered_current_stage);
        const stage = deal.properties.dealstage;
        if (modifiedAt === undefined || enteredAt === undefined || !stage) continue;
        items.push(dealStageChangeItem({ dealId: deal.id, toStage: stage, changedAt: enteredAt, at: modifiedAt, record: { hs_object_id: deal.id, ...deal.properties } }));
      }
      read += page.results.length;
      after = page.paging?.next?.after;
      if (!after) return { items, complete: true };
      if (read + options.pageSize > MAX_RESULTS_PER_QUERY) return { items, complete: false };
      await pause(SEARCH_SPACING_MS, signal);
    }
  },
});

function epochMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
