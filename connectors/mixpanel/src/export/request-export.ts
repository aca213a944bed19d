import { classifyError } from '@tripline/connector-sdk';
import { exportBaseUrl, type MixpanelConfig } from '../connection/mixpanel-config';
import { exportErrorFrom } from './export-errors';
import { EXPORT_PATH, exportSearchParams, type ExportQuery } from './export-query';

/** An export stream has no natural end we can wait for; a stuck connection must not hold a poll forever. */
export const EXPORT_TIMEOUT_MS = 10 * 60_000;

/**
 * Calls the Raw Event Export API and returns the NDJSON body as a byte stream (read it line by line).
 * Errors come out in the taxonomy; messages name the call and the days, never the credentials.
 */
export async function requestExport(
  config: MixpanelConfig,
  query: ExportQuery,
  signal?: AbortSignal,
): Promise<AsyncIterable<Uint8Array>> {
  const url = `${exportBaseUrl(config)}${EXPORT_PATH}?${exportSearchParams(config.projectId, query).toString()}`;
  const what = `GET ${EXPORT_PATH} (${query.fromDate}..${query.toDate})`;
  const timeout = AbortSignal.timeout(EXPORT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: {
        authorization: basicAuthorization(config.username, config.secret),
        // fetch asks for gzip itself (Accept-Encoding: gzip, deflate) and inflates the stream.
        accept: 'text/plain',
      },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    throw classifyError(error);
  }
  if (!response.ok) {
    const bodyText = await response.text().catch(() => '');
    throw exportErrorFrom(response, bodyText, what);
  }
  if (!response.body) return emptyStream();
  return streamChunks(response.body);
}

export function basicAuthorization(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')}`;
}

/** The body's chunks; a connection dropped mid-body surfaces as a taxonomy error (retryable). */
async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw classifyError(error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Stops the download when the reader gives up early (an error, or the poll was cancelled).
    await reader.cancel().catch(() => undefined);
  }
}

async function* emptyStream(): AsyncGenerator<Uint8Array> {}
