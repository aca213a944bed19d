import type { z } from 'zod';
import type { AuthConfig, ConnectorAuth } from './auth';

/**
 * What a connector trigger hands to Tripline. Two kinds of item:
 * - `event`: a product event in Segment's call shape (track / identify / group), ingested exactly like
 *   a call to /v1/track (identity stitching, scores, triggers). `call.messageId` must be stable for
 *   the same vendor record (e.g. `mixpanel:<$insert_id>`): ingest drops a messageId it already has.
 * - `crmChange`: a CRM record whose fields changed (e.g. a deal's stage → "Closed Lost"), matched
 *   against `crmChange` playbook triggers. `id` must be stable for the same change (e.g.
 *   `<dealId>:<field>:<modstamp>`): a replay of the same change never enrolls twice.
 */
export type TriggerItem = EventTriggerItem | CrmChangeTriggerItem;

export interface SegmentShapedCall {
  /** page / screen / alias come from Segment itself (its webhook destination); vendor pollers send track / identify / group. */
  type: 'track' | 'identify' | 'group' | 'page' | 'screen' | 'alias';
  messageId: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  /** page / screen: the page or screen name. */
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  groupId?: string;
  /** alias: the former id. */
  previousId?: string;
  context?: Record<string, unknown>;
  /** ISO 8601. */
  timestamp: string;
}

export interface EventTriggerItem {
  kind: 'event';
  /** The vendor's id of the record (dedupe at equal timestamps). */
  id: string;
  /** ISO 8601: when it happened at the vendor (the polling cursor moves on this). */
  at: string;
  call: SegmentShapedCall;
}

export interface CrmChangeTriggerItem {
  kind: 'crmChange';
  id: string;
  at: string;
  change: {
    object: 'deal' | 'contact' | 'company';
    recordId: string;
    /** Only the fields that changed. */
    changes: Record<string, { from: unknown; to: unknown }>;
    /** The record after the change (what a trigger's `where` reads as event.properties.*). */
    record: Record<string, unknown>;
    /** Who the record is about, to find the person / account in Tripline (any of these). */
    person?: { userId?: string; email?: string };
    account?: { groupId?: string; domain?: string };
  };
}

/**
 * Where a poll starts: items at or after `time` (inclusive — two records can share a timestamp), minus
 * the ids already delivered at exactly `time`. Null on the first poll (the trigger decides how far back,
 * e.g. "now", or the backfill range it was given).
 */
export interface PollCheckpoint {
  /** ISO 8601. */
  time: string;
  /** Ids of the items delivered whose `at` equals `time`. */
  idsAtTime: string[];
}

export interface PollArgs<TAuthConfig, TOptions> {
  auth: TAuthConfig;
  options: TOptions;
  checkpoint: PollCheckpoint | null;
  /** The poll's "now" (ISO 8601): do not ask the vendor for anything later. */
  now: string;
  signal?: AbortSignal;
}

export interface PollResult {
  /** Items in any order; the runtime sorts by `at`, drops those the checkpoint covers and moves it. */
  items: TriggerItem[];
  /** False when the vendor had more than one poll may fetch (a page budget): poll again at once. */
  complete: boolean;
}

export interface PollingTriggerDefinition<TOptions extends z.ZodType = z.ZodType, TAuthConfig = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- the registry holds triggers of every connector
  kind: 'polling';
  name: string;
  displayName: string;
  description: string;
  /** The trigger's settings (object types, filters, backfill start), shown as a form. */
  options: TOptions;
  /** How often to poll, in seconds; the connector's rate limit still applies to every call. */
  intervalSeconds: number;
  poll: (args: PollArgs<TAuthConfig, z.output<TOptions>>) => Promise<PollResult>;
}

/** A webhook request as received (the raw body: signatures are computed over the exact bytes). */
export interface WebhookRequest {
  method: string;
  /** The full URL the vendor called (HubSpot v3 signs it). */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type WebhookVerification = { ok: true } | { ok: false; status: 401 | 400; message: string };

export interface WebhookArgs<TAuthConfig, TOptions> {
  auth: TAuthConfig;
  options: TOptions;
  request: WebhookRequest;
  /** Epoch ms, for timestamp tolerances (HubSpot v3: 5 minutes). */
  now: number;
}

export interface WebhookTriggerDefinition<TOptions extends z.ZodType = z.ZodType, TAuthConfig = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- see PollingTriggerDefinition
  kind: 'webhook';
  name: string;
  displayName: string;
  description: string;
  options: TOptions;
  /** Checks the vendor's signature (and timestamp) with the connection's secret. Never throws for bad input. */
  verify: (args: WebhookArgs<TAuthConfig, z.output<TOptions>>) => WebhookVerification;
  /** Turns a verified request into items (throws InvalidInputError for a body it cannot read). */
  parse: (args: WebhookArgs<TAuthConfig, z.output<TOptions>>) => TriggerItem[];
}

export type TriggerDefinition = PollingTriggerDefinition | WebhookTriggerDefinition;

const TRIGGER_NAME = /^[a-z][a-zA-Z0-9]*$/;

function checkName(name: string): void {
  if (!TRIGGER_NAME.test(name)) throw new Error(`Trigger name '${name}' must be camelCase letters and digits (e.g. "dealStageChanged")`);
}

/** Declares a polling trigger (plain data and a function). Pass the connector's `auth` to type `poll`'s config. */
export function definePollingTrigger<TOptions extends z.ZodType, TAuth extends ConnectorAuth = ConnectorAuth>(
  trigger: Omit<PollingTriggerDefinition<TOptions, AuthConfig<TAuth>>, 'kind'> & { auth?: TAuth },
): PollingTriggerDefinition<TOptions, AuthConfig<TAuth>> {
  checkName(trigger.name);
  if (!Number.isFinite(trigger.intervalSeconds) || trigger.intervalSeconds < 1) {
    throw new Error(`Trigger '${trigger.name}' polls every ${String(trigger.intervalSeconds)} s; it must be at least 1`);
  }
  const { auth: _typeOnly, ...definition } = trigger;
  return { kind: 'polling', ...definition };
}

/** Declares a webhook trigger: verify the vendor's signature, then parse the body into items. */
export function defineWebhookTrigger<TOptions extends z.ZodType, TAuth extends ConnectorAuth = ConnectorAuth>(
  trigger: Omit<WebhookTriggerDefinition<TOptions, AuthConfig<TAuth>>, 'kind'> & { auth?: TAuth },
): WebhookTriggerDefinition<TOptions, AuthConfig<TAuth>> {
  checkName(trigger.name);
  const { auth: _typeOnly, ...definition } = trigger;
  return { kind: 'webhook', ...definition };
}
