import { z } from 'zod';
import { WorkerApiError } from '../worker-api/worker-api';
import type { PollState, TriggerDelivery, TriggerDeliveryResult } from './poll-types';

/** The API's connector-trigger endpoints the poll activities call (an interface: tests may pass their own). */
export interface TriggerApi {
  /** Null when the subscription or its connection is gone (404). */
  pollState(workspaceId: string, connectionId: string, trigger: string): Promise<PollState | null>;
  deliver(delivery: TriggerDelivery): Promise<TriggerDeliveryResult>;
  reportPollError(report: { workspaceId: string; connectionId: string; trigger: string; message: string }): Promise<void>;
}

const checkpointSchema = z.object({ time: z.string(), idsAtTime: z.array(z.string()) }).nullable();
const pollStateSchema = z.object({ connector: z.string(), enabled: z.boolean(), options: z.record(z.string(), z.unknown()), checkpoint: checkpointSchema });
const deliveryResultSchema = z.object({
  events: z.object({ stored: z.number(), duplicates: z.number() }),
  crmChanges: z.object({ stored: z.number(), duplicates: z.number() }),
  firings: z.number(),
  rejected: z.array(z.object({ index: z.number(), id: z.string().nullable(), error: z.string() })),
  checkpoint: checkpointSchema,
});

const MAX_ERROR_BODY = 500;

/** Over HTTP with the internal token, like HttpWorkerApi: 5xx, 408/429 and network errors are retryable. */
export class HttpTriggerApi implements TriggerApi {
  private readonly baseUrl: string;

  constructor(private readonly options: { baseUrl: string; token: string; timeoutMs?: number }) {
    if (!options.token) throw new Error('The trigger API needs the internal token (TRIPLINE_INTERNAL_TOKEN)');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async pollState(workspaceId: string, connectionId: string, trigger: string): Promise<PollState | null> {
    const path = `/internal/trigger-checkpoints/${encodeURIComponent(workspaceId)}/${encodeURIComponent(connectionId)}/${encodeURIComponent(trigger)}`;
    try {
      return parse(pollStateSchema, await this.request('GET', path), `GET ${path}`);
    } catch (error) {
      if (error instanceof WorkerApiError && error.status === 404) return null;
      throw error;
    }
  }

  async deliver(delivery: TriggerDelivery): Promise<TriggerDeliveryResult> {
    return parse(deliveryResultSchema, await this.request('POST', '/internal/trigger-items', delivery), 'POST /internal/trigger-items');
  }

  async reportPollError(report: { workspaceId: string; connectionId: string; trigger: string; message: string }): Promise<void> {
    await this.request('POST', '/internal/trigger-polls/errors', report);
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new WorkerApiError(`${method} ${path} failed: the API is not reachable (${cause?.code ?? cause?.message ?? (error as Error).message})`, undefined, true);
    }
    const text = await response.text();
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new WorkerApiError(`${method} ${path} answered ${response.status}${text ? `: ${text.slice(0, MAX_ERROR_BODY)}` : ''}`, response.status, retryable);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new WorkerApiError(`${what} answered with an unexpected body (${parsed.error.issues[0]?.message})`, 200, false);
  return parsed.data;
}
