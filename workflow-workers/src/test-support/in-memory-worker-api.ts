import type { RunEvent } from '@tripline/playbook';
import type { ConnectionRecord, LedgerClaim, LedgerKey, WorkerApi } from '../worker-api/worker-api';
import { WorkerApiError } from '../worker-api/worker-api';

interface LedgerEntry {
  state: 'claimed' | 'completed';
  result?: unknown;
  claims: number;
}

/**
 * The worker API the activities are given in tests: the same contract as the backend's
 * `/internal/*` (ledger semantics included), kept in memory so tests can read what was reported.
 */
export class InMemoryWorkerApi implements WorkerApi {
  readonly events: RunEvent[] = [];
  readonly ledger = new Map<string, LedgerEntry>();
  private readonly connections = new Map<string, ConnectionRecord>();

  addConnection(workspaceId: string, connection: ConnectionRecord & { name: string }): void {
    const { name, ...record } = connection;
    this.connections.set(`${workspaceId}/${record.id}`, record);
    this.connections.set(`${workspaceId}/${name}`, record);
  }

  eventsOf(runId: string): RunEvent[] {
    return this.events.filter((event) => event.runId === runId);
  }

  ledgerEntry(workspaceId: string, key: string): LedgerEntry | undefined {
    return this.ledger.get(`${workspaceId}/${key}`);
  }

  async postRunEvent(event: RunEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }

  async getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord> {
    const connection = this.connections.get(`${workspaceId}/${idOrName}`);
    if (!connection) {
      throw new WorkerApiError(`No connection '${idOrName}' in workspace ${workspaceId}`, 404, false);
    }
    return structuredClone(connection);
  }

  async claimLedger({ workspaceId, key }: LedgerKey): Promise<LedgerClaim> {
    const id = `${workspaceId}/${key}`;
    const entry = this.ledger.get(id) ?? { state: 'claimed', claims: 0 };
    entry.claims += 1;
    this.ledger.set(id, entry);
    return entry.state === 'completed' ? { state: 'completed', result: structuredClone(entry.result) } : { state: 'claimed' };
  }

  async completeLedger({ workspaceId, key, result }: LedgerKey & { result: unknown }): Promise<void> {
    const entry = this.ledger.get(`${workspaceId}/${key}`);
    if (!entry) throw new WorkerApiError(`Ledger key ${key} was never claimed`, 409, false);
    entry.state = 'completed';
    entry.result = structuredClone(result);
  }
}
