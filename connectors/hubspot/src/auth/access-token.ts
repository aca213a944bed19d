import { AuthError, RetryableError, errorFromHttpResponse } from '@tripline/connector-sdk';
import { connectionKey } from './connection-key';
import type { HubSpotConfig } from './hubspot-config';

/** Refresh this long before HubSpot's `expires_in` runs out, so a token never expires mid-call. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

// Access tokens live in this process only: the connection (and its refresh token) is stored by the
// backend, and refreshed access tokens are not written back. Each worker process refreshes once per
// token lifetime (30 minutes at HubSpot), which costs one call to /oauth/v1/token.
const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

/**
 * The Bearer token for a call: a private app's token as configured, or a current OAuth2 access token
 * (refreshed with the client credentials and refresh token when missing, expired or `force`d).
 */
export async function accessTokenFor(
  config: HubSpotConfig,
  options: { force?: boolean; signal?: AbortSignal; now?: number } = {},
): Promise<string> {
  if (config.authType === 'privateApp') return config.accessToken!;
  const key = connectionKey(config);
  const now = options.now ?? Date.now();
  const cached = cache.get(key);
  if (!options.force && cached && cached.expiresAt - EXPIRY_MARGIN_MS > now) return cached.accessToken;
  // Concurrent calls of one connection share one refresh.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = refresh(config, options.signal).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  cache.set(key, fresh);
  return fresh.accessToken;
}

/** Forgets every cached access token (tests). */
export function clearAccessTokens(): void {
  cache.clear();
}

async function refresh(config: HubSpotConfig, signal?: AbortSignal): Promise<CachedToken> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: config.clientId!,
    client_secret: config.clientSecret!,
    refresh_token: config.refreshToken!,
  });
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
      body: form.toString(),
      signal,
    });
  } catch (error) {
    throw new RetryableError(`HubSpot's token endpoint could not be reached: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    // HubSpot answers 400 with status BAD_REFRESH_TOKEN / BAD_CLIENT_ID / BAD_AUTH_CODE for credentials it refuses.
    const body = safeJson(text) as { status?: string; message?: string } | undefined;
    const detail = [body?.status, body?.message].filter(Boolean).join(': ');
    if (response.status === 400 || response.status === 401) {
      throw new AuthError(`HubSpot refused the OAuth refresh (${detail || response.status}); reconnect the HubSpot account`);
    }
    throw errorFromHttpResponse(response, 'POST /oauth/v1/token', detail || undefined);
  }
  const body = safeJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new RetryableError('HubSpot answered the OAuth refresh without an access_token and expires_in');
  }
  return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
