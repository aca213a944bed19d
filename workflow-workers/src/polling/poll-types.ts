import type { PollCheckpoint } from '@tripline/connector-sdk';

/**
 * What `pollConnectorTrigger` is started with: by the subscription's Temporal Schedule
 * (`tripline-poll:<workspaceId>:<connectionId>:<trigger>`) or by a backfill (the API's
 * connector-triggers/poll-schedule-ids.ts makes both).
 */
export interface PollWorkflowInput {
  workspaceId: string;
  connectionId: string;
  connector: string;
  trigger: string;
  /** A one-off poll over [from, to] (ISO 8601) that leaves the subscription's checkpoint alone. */
  backfill?: { from: string; to: string };
}

/** GET /internal/trigger-checkpoints/:workspaceId/:connectionId/:trigger */
export interface PollState {
  connector: string;
  enabled: boolean;
  options: Record<string, unknown>;
  checkpoint: PollCheckpoint | null;
}

export interface PollOnceInput {
  workspaceId: string;
  connectionId: string;
  connector: string;
  trigger: string;
  options: Record<string, unknown>;
  checkpoint: PollCheckpoint | null;
  /** The poll's "now" (ISO 8601); a backfill's `to`. */
  now: string;
  /** False for backfills: their items are delivered without moving the subscription's checkpoint. */
  storeCheckpoint: boolean;
}

export interface PollOnceResult {
  checkpoint: PollCheckpoint | null;
  complete: boolean;
  /** Items the poll brought that the checkpoint did not cover. */
  items: number;
  /** Of those, stored as new (the rest were duplicates or rejected). */
  stored: number;
  rejected: number;
}

/** POST /internal/trigger-items */
export interface TriggerDelivery {
  workspaceId: string;
  connectionId: string;
  trigger: string;
  items: unknown[];
  checkpoint?: PollCheckpoint | null;
}

export interface TriggerDeliveryResult {
  events: { stored: number; duplicates: number };
  crmChanges: { stored: number; duplicates: number };
  firings: number;
  rejected: { index: number; id: string | null; error: string }[];
  checkpoint: PollCheckpoint | null;
}

export interface PollSummary {
  rounds: number;
  items: number;
  stored: number;
  /** Why it stopped early: the subscription is gone or disabled. */
  skipped?: 'gone' | 'disabled';
}
