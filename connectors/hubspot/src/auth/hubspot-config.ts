import { z } from 'zod';
import { isTimeZone } from '../time/next-midnight';

export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';

/**
 * A HubSpot connection. Two ways to authenticate: a private app's access token (sent as a Bearer
 * token, no expiry), or an OAuth2 app (client id, client secret and the account's refresh token;
 * access tokens are fetched and refreshed as they expire). Kept flat, not a union, so every
 * secret is a top-level field the SDK can redact.
 */
export const hubspotConfigSchema = z
  .object({
    authType: z.enum(['privateApp', 'oauth2']).default('privateApp'),
    /** Private app access token ("pat-na1-..."). */
    accessToken: z.string().trim().min(1).optional(),
    clientId: z.string().trim().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    refreshToken: z.string().min(1).optional(),
    /**
     * The secret HubSpot signs webhooks with (the app's client secret). Defaults to `clientSecret`
     * for OAuth2 apps; a private app's is on its Auth tab.
     */
    appSecret: z.string().min(1).optional(),
    /** HubSpot resets the daily API limit at midnight in the account's time zone (IANA name). */
    accountTimeZone: z.string().default('UTC'),
    /** Only changed for tests (the fake HubSpot) or a proxy. */
    baseUrl: z.string().url().default(HUBSPOT_API_BASE_URL),
  })
  .superRefine((config, context) => {
    const require = (field: 'accessToken' | 'clientId' | 'clientSecret' | 'refreshToken', message: string) => {
      if (!config[field]) context.addIssue({ code: 'custom', path: [field], message });
    };
    if (config.authType === 'privateApp') {
      require('accessToken', 'A private app access token is required');
    } else {
      require('clientId', 'The OAuth app client id is required');
      require('clientSecret', 'The OAuth app client secret is required');
      require('refreshToken', 'A refresh token for the HubSpot account is required');
    }
    if (!isTimeZone(config.accountTimeZone)) {
      context.addIssue({ code: 'custom', path: ['accountTimeZone'], message: 'Not an IANA time zone (e.g. "America/New_York")' });
    }
  });

export type HubSpotConfig = z.output<typeof hubspotConfigSchema>;

export const HUBSPOT_SECRET_FIELDS = ['accessToken', 'clientSecret', 'refreshToken', 'appSecret'] as const;

/** The secret webhooks are signed with, if the connection has one. */
export function webhookSecretOf(config: HubSpotConfig): string | undefined {
  return config.appSecret ?? (config.authType === 'oauth2' ? config.clientSecret : undefined);
}
