import { createHash } from 'node:crypto';
import { grantOf, type SalesforceConfig } from './salesforce-config';
import { requestSession, type SalesforceSession } from './token-client';

/**
 * Access tokens per connection, shared by the actions and polls of one process: a token is asked for
 * once and reused until Salesforce says INVALID_SESSION_ID (its lifetime is the org's session
 * timeout, which the token response does not tell). Keyed by a hash of the credentials, so the map
 * never holds a secret as a key and a rotated credential gets a new token.
 */
const sessions = new Map<string, Promise<SalesforceSession>>();

export function credentialKey(config: SalesforceConfig): string {
  const grant = grantOf(config);
  const parts =
    grant.grantType === 'refreshToken'
      ? [grant.grantType, config.loginUrl, config.clientId, grant.clientSecret ?? '', grant.refreshToken]
      : [grant.grantType, config.loginUrl, config.clientId, grant.username, grant.privateKey];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** The cached session, or a new one (concurrent callers share one token request). */
export function getSession(config: SalesforceConfig, signal?: AbortSignal): Promise<SalesforceSession> {
  const key = credentialKey(config);
  const cached = sessions.get(key);
  if (cached) return cached;
  const pending = requestSession(config, signal);
  sessions.set(key, pending);
  // A failed token request must not stay cached: the next call asks again.
  pending.catch(() => {
    if (sessions.get(key) === pending) sessions.delete(key);
  });
  return pending;
}

/**
 * Forgets `stale` (the session Salesforce refused) and asks for a new one; when another caller has
 * already replaced it, that newer session is used.
 */
export async function renewSession(config: SalesforceConfig, stale: SalesforceSession, signal?: AbortSignal): Promise<SalesforceSession> {
  const key = credentialKey(config);
  const current = sessions.get(key);
  if (current) {
    const session = await current.catch(() => undefined);
    if (session && session.accessToken !== stale.accessToken) return session;
    if (sessions.get(key) === current) sessions.delete(key);
  }
  return getSession(config, signal);
}

/** Drops every cached token (tests; a worker never needs it). */
export function clearSessionCache(): void {
  sessions.clear();
}
