import type { CrmChangeTriggerItem } from '@tripline/connector-sdk';
import { isoFromSalesforce } from '../api/soql';
import type { OpportunityStageOptions } from './opportunity-stage-options';

type QueriedRecord = Record<string, unknown>;

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** A relationship field ("Account.Website") of a query record: Salesforce nests it as { Account: { Website } }. */
export function fieldOf(record: QueriedRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    value = key === undefined ? undefined : (value as QueriedRecord)[key];
  }
  return value;
}

/** The record as a trigger's `where` reads it: Salesforce's fields (no `attributes`) plus common names. */
function recordOf(record: QueriedRecord, options: OpportunityStageOptions): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { attributes: _attributes, ...fields } = value as QueriedRecord;
      copy[key] = fields;
    } else copy[key] = value;
  }
  // The names the playbook templates use for any CRM (e.g. the win-loss trigger reads amount, lossReason).
  const lossReason = fieldOf(record, options.lossReasonField);
  return {
    ...copy,
    name: fieldOf(record, 'Name'),
    stage: fieldOf(record, 'StageName'),
    amount: fieldOf(record, options.amountField) ?? null,
    ...(isPresent(lossReason) ? { lossReason } : {}),
    closeDate: fieldOf(record, 'CloseDate') ?? null,
  };
}

/**
 * One opportunity in a watched stage as a `crmChange` item. `at` is its SystemModstamp (the cursor);
 * the id is the opportunity and the time its stage last changed, so an edit of an already-closed deal
 * (new SystemModstamp, same stage change) carries the same id and never enrolls twice. The previous
 * stage is not in the record: `from` stays unknown (undefined).
 */
export function opportunityChangeItem(record: QueriedRecord, options: OpportunityStageOptions): CrmChangeTriggerItem {
  const id = String(fieldOf(record, 'Id'));
  const at = isoFromSalesforce(fieldOf(record, 'SystemModstamp'));
  if (!at) throw new Error(`Opportunity ${id} came without a SystemModstamp; the query must select it`);
  const stageChangedAt = isoFromSalesforce(fieldOf(record, 'LastStageChangeDate')) ?? at;
  const stage = fieldOf(record, 'StageName');
  const email = fieldOf(record, 'Contact.Email');
  const domain = domainOf(fieldOf(record, 'Account.Website'));
  return {
    kind: 'crmChange',
    id: `${id}:StageName:${stageChangedAt}`,
    at,
    change: {
      object: 'deal',
      recordId: id,
      changes: { StageName: { from: undefined, to: stage }, stage: { from: undefined, to: stage } },
      record: recordOf(record, options),
      ...(typeof email === 'string' && email ? { person: { email } } : {}),
      ...(domain ? { account: { domain } } : {}),
    },
  };
}

/** "https://www.acme.com/about" → "acme.com" (how Tripline's accounts know their domain). */
export function domainOf(website: unknown): string | undefined {
  if (typeof website !== 'string' || website.trim() === '') return undefined;
  const text = website.trim();
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
    return host.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
