/** `POST /internal/workspaces/:ws/connections/:idOrName/vendor-quota`: what a vendor last said about a connection's allowance. */
export interface VendorQuotaReport {
  remaining: number;
  limit: number | null;
  /** 'day' (resets at the account's midnight) or '24h' (rolling). */
  period: 'day' | '24h';
  /** ISO 8601: when the answer carrying it arrived. */
  observedAt: string;
}
