/** What a vendor last said about a connection's allowance. */
export interface VendorQuotaReading {
  remaining: number;
  limit: number | null;
  /** 'day' (resets at midnight, HubSpot) or '24h' (rolling, Salesforce). */
  period: string;
  observedAt: Date;
}

export type ConnectionHealth = 'ok' | 'quotaLow' | 'quotaExhausted' | 'connectorMissing';

/** Below this share of the vendor's allowance left, the connection is flagged before it runs dry. */
export const LOW_QUOTA_SHARE = 0.1;

/**
 * A connection's health as far as the API knows without calling the vendor: its connector must be
 * installed on this server, and the vendor's last reported quota must not be (nearly) used up.
 */
export function connectionHealth(input: { connectorInstalled: boolean; quota: VendorQuotaReading | null }): { health: ConnectionHealth; note: string | null } {
  if (!input.connectorInstalled) return { health: 'connectorMissing', note: 'The connector is not installed on this server' };
  const quota = input.quota;
  if (!quota) return { health: 'ok', note: null };
  if (quota.remaining <= 0) return { health: 'quotaExhausted', note: `The vendor reported no calls left (${periodWords(quota.period)})` };
  if (quota.limit !== null && quota.limit > 0 && quota.remaining / quota.limit < LOW_QUOTA_SHARE) {
    return { health: 'quotaLow', note: `The vendor reported ${quota.remaining} of ${quota.limit} calls left (${periodWords(quota.period)})` };
  }
  return { health: 'ok', note: null };
}

function periodWords(period: string): string {
  return period === 'day' ? 'today' : period === '24h' ? 'in the last 24 hours' : period;
}
