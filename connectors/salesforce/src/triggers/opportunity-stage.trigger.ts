import { definePollingTrigger, type TriggerItem } from '@tripline/connector-sdk';
import { salesforceClient } from '../api/salesforce-client';
import { salesforceAuth } from '../auth/salesforce-auth';
import { opportunityChangeItem } from './opportunity-item';
import { opportunityStageQuery } from './opportunity-query';
import { opportunityStageOptions } from './opportunity-stage-options';

/** Pages one poll reads before handing over (the runtime polls again at once: `complete: false`). */
export const MAX_PAGES_PER_POLL = 10;

interface QueryResult {
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export const opportunityStageChangedTrigger = definePollingTrigger({
  auth: salesforceAuth,
  name: 'opportunityStageChanged',
  displayName: 'Opportunity closed (won / lost)',
  description:
    'Polls SOQL on Opportunity.SystemModstamp for deals that moved to a watched stage, with filters per stage (by default: Closed Lost with amount ≥ 10,000 and no loss reason; Closed Won).',
  options: opportunityStageOptions,
  // One query call a minute (1,440 a day) plus one per extra page.
  intervalSeconds: 60,
  async poll({ auth, options, checkpoint, now, signal }) {
    const until = new Date(Date.parse(now) - options.settleSeconds * 1000).toISOString();
    const from = checkpoint?.time ?? options.since ?? until;
    const client = salesforceClient(auth, signal);
    const soql = opportunityStageQuery(options, from, until);
    let page = (await client.request<QueryResult>('GET', client.dataPath(`/query?${new URLSearchParams({ q: soql }).toString()}`))).body;
    const items: TriggerItem[] = [];
    const fromMs = Date.parse(from);
    let pages = 1;
    for (;;) {
      for (const record of page.records) items.push(opportunityChangeItem(record, options));
      if (page.done || !page.nextRecordsUrl) return { items, complete: true };
      // Pages of records all stamped at the checkpoint's own time do not count: the next poll would
      // start from the same place, so the budget would never move the cursor on.
      const last = items[items.length - 1];
      const advanced = last !== undefined && Date.parse(last.at) > fromMs;
      if (pages >= MAX_PAGES_PER_POLL && advanced) return { items, complete: false };
      page = (await client.request<QueryResult>('GET', page.nextRecordsUrl)).body;
      pages += 1;
    }
  },
});
