import { createHash } from 'node:crypto';
import type { HubSpotConfig } from './hubspot-config';

/**
 * A short fingerprint of a connection's credentials, to key per-connection state in memory (OAuth
 * access tokens, the daily budget) without keeping the secret itself as a map key.
 */
export function connectionKey(config: HubSpotConfig): string {
  const credential = config.authType === 'oauth2' ? `${config.clientId}:${config.refreshToken}` : config.accessToken;
  return createHash('sha256').update(`${config.baseUrl}|${config.authType}|${credential ?? ''}`).digest('hex').slice(0, 32);
}
