import type { CloseRunWaitRequest, OpenRunWaitRequest, OpenRunWaitResult, RunEvent } from '@tripline/playbook';
import { z } from 'zod';
import type {
  CloseApprovalRequest,
  ClosedApprovalRequest,
  EscalateApprovalRequest,
  EscalatedApprovalRequest,
  OpenApprovalRequest,
  OpenedApprovalRequest,
} from '@tripline/playbook';
import type { ChangeLevelTimeoutRequest, ChangeLevelTimeoutResponse, ChangeNotificationsRequest, ChangeNotificationsResponse } from '@tripline/playbook';
import { closedApprovalSchema, escalatedApprovalSchema, openedApprovalSchema } from './approval-responses';
import { changeLevelTimeoutSchema, changeNotificationsSchema } from './change-request-responses';
import type { FrequencyCapClaim, FrequencyCapClaimRequest, FrequencyCapCommit, FrequencyCapCommitRequest } from './frequency-cap-types';
import { frequencyCapClaimSchema, frequencyCapCommitSchema } from './frequency-cap-responses';
import { adjustScoreResponseSchema } from './score-responses';
import { suppressionCheckSchema, unsubscribeLinkSchema } from './email-suppression-responses';
import type { AddSuppressionsRequest, SuppressionCheck, SuppressionCheckRequest, UnsubscribeLink, UnsubscribeLinkRequest } from './email-suppression-types';
import type { AdjustScoreRequest, AdjustScoreResponse } from './score-types';
import type { VendorQuotaReport } from './vendor-quota-types';
import { WorkerApiError, type ConnectionRecord, type LedgerClaim, type LedgerKey, type WorkerApi } from './worker-api';

export interface HttpWorkerApiOptions {
  /** The API's base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** TRIPLINE_INTERNAL_TOKEN, sent as a Bearer token. */
  token: string;
  timeoutMs?: number;
}

const connectionSchema = z.object({
  id: z.string(),
  connector: z.string(),
  config: z.record(z.string(), z.unknown()),
});
const ledgerClaimSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('claimed') }),
  z.object({ state: z.literal('completed'), result: z.unknown() }),
]);

const openRunWaitSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open') }),
  z.object({
    status: z.literal('received'),
    event: z.object({ messageId: z.string(), name: z.string(), timestamp: z.string(), properties: z.record(z.string(), z.unknown()) }),
  }),
]);

const MAX_ERROR_BODY = 500;
// Statuses that mean "not now" rather than "never": the activity retries them.
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/** The worker API over HTTP, against the backend's `/internal/*` endpoints. */
export class HttpWorkerApi implements WorkerApi {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpWorkerApiOptions) {
    if (!options.token) throw new Error('The worker API needs the internal token (TRIPLINE_INTERNAL_TOKEN)');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async postRunEvent(event: RunEvent): Promise<void> {
    await this.request('POST', `/internal/runs/${encodeURIComponent(event.runId)}/events`, event);
  }

  async reportVendorQuota(workspaceId: string, connection: string, report: VendorQuotaReport): Promise<void> {
    await this.request('POST', `/internal/workspaces/${encodeURIComponent(workspaceId)}/connections/${encodeURIComponent(connection)}/vendor-quota`, report);
  }

  async getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord> {
    const path = `/internal/workspaces/${encodeURIComponent(workspaceId)}/connections/${encodeURIComponent(idOrName)}`;
    const parsed = connectionSchema.safeParse(await this.request('GET', path));
    // Never include the body: it holds the decrypted config.
    if (!parsed.success) throw new WorkerApiError(`GET ${path} returned a malformed connection`, 200, false);
    return parsed.data;
  }

  async claimLedger(request: LedgerKey): Promise<LedgerClaim> {
    const body = await this.request('POST', '/internal/ledger/claim', request);
    const parsed = ledgerClaimSchema.safeParse(body);
    if (!parsed.success) {
      throw new WorkerApiError(
        `POST /internal/ledger/claim returned ${JSON.stringify(body)?.slice(0, MAX_ERROR_BODY)}, expected { state: 'claimed' | 'completed' }`,
        200,
        false,
      );
    }
    return parsed.data as LedgerClaim;
  }

  async completeLedger(request: LedgerKey & { result: unknown }): Promise<void> {
    await this.request('POST', '/internal/ledger/complete', request);
  }

  async openRunWait(request: OpenRunWaitRequest): Promise<OpenRunWaitResult> {
    const body = await this.request('POST', '/internal/run-waits', request);
    const parsed = openRunWaitSchema.safeParse(body);
    if (!parsed.success) {
      throw new WorkerApiError(
        `POST /internal/run-waits returned ${JSON.stringify(body)?.slice(0, MAX_ERROR_BODY)}, expected { status: 'open' | 'received' }`,
        200,
        false,
      );
    }
    return parsed.data;
  }

  async closeRunWait(request: CloseRunWaitRequest): Promise<void> {
    await this.request('POST', '/internal/run-waits/close', request);
  }

  async openApprovalRequest(request: OpenApprovalRequest): Promise<OpenedApprovalRequest> {
    return this.parsed(openedApprovalSchema, 'POST', '/internal/approvals', request);
  }

  async escalateApprovalRequest(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest> {
    return this.parsed(escalatedApprovalSchema, 'POST', `/internal/approvals/${encodeURIComponent(request.requestId)}/escalate`, request);
  }

  async closeApprovalRequest(request: CloseApprovalRequest): Promise<ClosedApprovalRequest> {
    return this.parsed(closedApprovalSchema, 'POST', `/internal/approvals/${encodeURIComponent(request.requestId)}/close`, request);
  }

  async claimFrequencyCap(request: FrequencyCapClaimRequest): Promise<FrequencyCapClaim> {
    return this.parsed(frequencyCapClaimSchema, 'POST', '/internal/frequency-caps/claim', request) as Promise<FrequencyCapClaim>;
  }

  async commitFrequencyCap(request: FrequencyCapCommitRequest): Promise<FrequencyCapCommit> {
    return this.parsed(frequencyCapCommitSchema, 'POST', '/internal/frequency-caps/commit', request) as Promise<FrequencyCapCommit>;
  }

  async adjustScore(request: AdjustScoreRequest): Promise<AdjustScoreResponse> {
    return this.parsed(adjustScoreResponseSchema, 'POST', '/internal/scores/adjust', request);
  }

  async checkSuppressions(request: SuppressionCheckRequest): Promise<SuppressionCheck> {
    return this.parsed(suppressionCheckSchema, 'POST', '/internal/suppressions/check', request);
  }

  async addSuppressions(request: AddSuppressionsRequest): Promise<void> {
    await this.request('POST', '/internal/suppressions', request);
  }

  async unsubscribeLink(request: UnsubscribeLinkRequest): Promise<UnsubscribeLink> {
    return this.parsed(unsubscribeLinkSchema, 'POST', '/internal/unsubscribe-links', request);
  }

  async changeNotifications(requestId: string, request: ChangeNotificationsRequest): Promise<ChangeNotificationsResponse> {
    return this.parsed(changeNotificationsSchema, 'POST', `/internal/change-requests/${encodeURIComponent(requestId)}/notifications`, request);
  }

  async escalateChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.parsed(changeLevelTimeoutSchema, 'POST', `/internal/change-requests/${encodeURIComponent(requestId)}/escalate`, request);
  }

  async expireChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.parsed(changeLevelTimeoutSchema, 'POST', `/internal/change-requests/${encodeURIComponent(requestId)}/expire`, request);
  }

  /** A POST whose answer must match `schema`; a malformed answer is a permanent error naming the path. */
  private async parsed<T>(schema: z.ZodType<T>, method: 'POST', path: string, body: unknown): Promise<T> {
    const answer = await this.request(method, path, body);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new WorkerApiError(`${method} ${path} returned ${JSON.stringify(answer)?.slice(0, MAX_ERROR_BODY)}: ${parsed.error.issues[0]?.message}`, 200, false);
    }
    return parsed.data;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new WorkerApiError(`${method} ${url} failed: the API is not reachable (${reason})`, undefined, true);
    }

    const text = await response.text();
    if (!response.ok) {
      const detail = text ? `: ${text.slice(0, MAX_ERROR_BODY)}` : '';
      throw new WorkerApiError(
        `${method} ${path} answered ${response.status} ${response.statusText}${detail}`,
        response.status,
        response.status >= 500 || RETRYABLE_STATUSES.has(response.status),
      );
    }
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new WorkerApiError(`${method} ${path} answered ${response.status} with a body that is not JSON`, response.status, false);
    }
  }
}
