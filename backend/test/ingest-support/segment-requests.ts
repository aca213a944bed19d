import { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { TestApp } from '../support/test-app';
import { TEST_WRITE_KEY } from '../support/test-app';

export const basicAuth = (writeKey: string = TEST_WRITE_KEY) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

export interface PostOptions {
  /** Authorization header; defaults to Basic auth with the test write key. `null` sends none. */
  authorization?: string | null;
  contentType?: string;
}

/** POSTs to /v1/<path>; `body` is sent as JSON unless it is already a string. */
export async function postSegment(t: TestApp, path: string, body: unknown, options: PostOptions = {}) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const authorization = options.authorization === undefined ? basicAuth() : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${t.url}/v1/${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { status: response.status, body: json };
}

export function dataSourceOf(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

export function findAll<E extends ObjectLiteral>(t: TestApp, entity: EntityTarget<E>, where: FindOptionsWhere<E> = {}): Promise<E[]> {
  return dataSourceOf(t).getRepository(entity).find({ where });
}

let sequence = 0;
/** A messageId unique within the test run. */
export const messageId = (label = 'm') => `${label}-${process.pid}-${Date.now()}-${++sequence}`;
