import type { RunEvent } from '@tripline/playbook';

/** A connection as the API hands it to the worker: config decrypted, so it must never be logged. */
export interface ConnectionRecord {
  id: string;
  connector: string;
  config: Record<string, unknown>;
}

/** The side-effect ledger's answer: act (`claimed`) or return what was recorded (`completed`). */
export type LedgerClaim = { state: 'claimed' } | { state: 'completed'; result: unknown };

export interface LedgerKey {
  workspaceId: string;
  key: string;
}

/**
 * What the worker needs from the API (`/internal/*`, docs/architecture.md). An interface so the
 * activities take it as a dependency: the HTTP client in production, an in-memory one in tests.
 */
export interface WorkerApi {
  postRunEvent(event: RunEvent): Promise<void>;
  getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord>;
  claimLedger(request: LedgerKey): Promise<LedgerClaim>;
  completeLedger(request: LedgerKey & { result: unknown }): Promise<void>;
}

/** A failed call to the API; `retryable` for 5xx, timeouts and connection errors, not for 4xx. */
export class WorkerApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WorkerApiError';
  }
}
