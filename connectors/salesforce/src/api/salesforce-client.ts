import { RateLimitedError } from '@tripline/connector-sdk';
import { getSession, renewSession } from '../auth/session-cache';
import type { SalesforceConfig } from '../auth/salesforce-config';
import type { SalesforceSession } from '../auth/token-client';
import { lastApiUsage, overBudget, parseLimitInfo, recordApiUsage, USAGE_READING_TTL_MS, type ApiUsage } from './api-usage';
import { hasErrorCode, salesforceError } from './salesforce-errors';

export interface SalesforceResponse<T = unknown> {
  status: number;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses returned to the caller instead of thrown (e.g. 404 for "already deleted"). */
  accept?: readonly number[];
}

export interface SalesforceClient {
  /** `/services/data/<version><path>`. */
  dataPath(path: string): string;
  /** One REST call on the org's instance; answers outside 2xx (and `accept`) throw a taxonomy error. */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<SalesforceResponse<T>>;
  /** The org's API usage as the latest answer reported it (undefined before the first call). */
  apiUsage(): ApiUsage | undefined;
}

/**
 * A REST client for one connection. The access token comes from the process-wide session cache;
 * when Salesforce answers 401 INVALID_SESSION_ID the token is renewed once and the call retried.
 * Every answer's `Sforce-Limit-Info` updates the org's usage, and past the connection's budget
 * calls wait (RateLimitedError) instead of spending the org's remaining allocation.
 */
export function salesforceClient(config: SalesforceConfig, signal?: AbortSignal): SalesforceClient {
  let instanceUrl: string | undefined;

  async function send(session: SalesforceSession, method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers, Authorization: `Bearer ${session.accessToken}` };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${session.instanceUrl}${path}`, { method, headers, body, signal });
    const usage = parseLimitInfo(response.headers.get('sforce-limit-info'));
    if (usage) recordApiUsage(session.instanceUrl, usage);
    return response;
  }

  return {
    dataPath: (path) => `/services/data/${config.apiVersion}${path}`,

    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<SalesforceResponse<T>> {
      // The query string can hold a whole SOQL statement: name the call by its path only.
      const what = `Salesforce ${method} ${path.split('?')[0]}`;
      let session = await getSession(config, signal);
      instanceUrl = session.instanceUrl;
      const usage = lastApiUsage(session.instanceUrl);
      if (overBudget(usage, config.apiBudgetPercent)) {
        throw new RateLimitedError(
          `${what} not sent: the org has used ${usage!.used} of its ${usage!.max} daily API calls, past this connection's budget of ${config.apiBudgetPercent}%`,
          USAGE_READING_TTL_MS,
        );
      }
      let response = await send(session, method, path, options);
      let body = await readBody(response);
      if (response.status === 401 && hasErrorCode(body, 'INVALID_SESSION_ID')) {
        // Sessions end (timeout, revoked, password change): one new token, one retry.
        session = await renewSession(config, session, signal);
        instanceUrl = session.instanceUrl;
        response = await send(session, method, path, options);
        body = await readBody(response);
      }
      if ((response.status >= 200 && response.status < 300) || options.accept?.includes(response.status)) {
        return { status: response.status, body: body as T };
      }
      throw salesforceError(response, what, body);
    },

    apiUsage: () => (instanceUrl ? lastApiUsage(instanceUrl) : undefined),
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
