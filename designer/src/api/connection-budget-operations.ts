/** GraphQL operations about connections that editors may call: pickers and budgets (never configs). */
import { graphql } from './client';
import type { WorkspaceConnection } from './types';

/** ok | quotaLow | quotaExhausted | connectorMissing (backend connections/budget/connection-health.ts). */
export type ConnectionHealth = 'ok' | 'quotaLow' | 'quotaExhausted' | 'connectorMissing';

export interface ConnectionOption extends WorkspaceConnection {
  health: ConnectionHealth;
  healthNote: string | null;
}

export interface VendorQuota {
  remaining: number;
  limit: number | null;
  /** 'day' (resets at the account's midnight) or '24h' (rolling). */
  period: string;
  observedAt: string;
}

export interface ConnectionBudget {
  connectionId: string;
  name: string;
  connector: string;
  ratePerSecond: number | null;
  rateSource: 'override' | 'declared' | null;
  callsLastMinute: number;
  callsLastHour: number;
  callsLastDay: number;
  vendorQuota: VendorQuota | null;
  health: ConnectionHealth;
  healthNote: string | null;
}

/** The workspace's connections for a picker (editors and admins), optionally of one connector. */
export async function listConnectionOptions(connector?: string): Promise<ConnectionOption[]> {
  const data = await graphql<{ connectionOptions: ConnectionOption[] }>(
    `query ConnectionOptions($connector: String) { connectionOptions(connector: $connector) { id name connector health healthNote } }`,
    { connector: connector ?? null },
  );
  return data.connectionOptions;
}

/** Rate limit, calls in the last minute/hour/day and the vendor's quota of each connection. */
export async function fetchConnectionBudgets(): Promise<ConnectionBudget[]> {
  const data = await graphql<{ connectionBudgets: ConnectionBudget[] }>(
    `query ConnectionBudgets { connectionBudgets {
      connectionId name connector ratePerSecond rateSource callsLastMinute callsLastHour callsLastDay
      vendorQuota { remaining limit period observedAt } health healthNote } }`,
  );
  return data.connectionBudgets;
}
