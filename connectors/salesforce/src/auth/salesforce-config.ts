import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

/** Salesforce API versions look like "v62.0". */
const apiVersion = z.string().regex(/^v\d{2,3}\.0$/, 'Use an API version such as "v62.0"');
/** A custom field's API name, e.g. "Tripline_Key__c". */
const customField = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'Use a custom field API name ending in "__c", e.g. "Tripline_Key__c"');

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * One flat object (a form the designer can draw), with the fields each grant type needs checked by
 * `superRefine`: refreshToken for the refresh token flow; username and privateKey for JWT bearer.
 */
export const salesforceConfigSchema = z
  .object({
    /** refreshToken: OAuth 2.0 refresh token flow. jwtBearer: OAuth 2.0 JWT bearer flow (server to server). */
    grantType: z.enum(['refreshToken', 'jwtBearer']),
    /**
     * Where tokens are asked for: https://login.salesforce.com (production), https://test.salesforce.com
     * (sandboxes) or the org's My Domain. For the JWT bearer flow it is also the assertion's audience.
     */
    loginUrl: z.url('loginUrl must be a URL such as https://login.salesforce.com').default('https://login.salesforce.com'),
    apiVersion: apiVersion.default('v62.0'),
    /** The connected app's consumer key. */
    clientId: z.string().trim().min(1, 'clientId (the connected app consumer key) is required'),
    /** Refresh token flow: the consumer secret, when the connected app requires it (the default). */
    clientSecret: z.string().min(1).optional(),
    /** Refresh token flow: a refresh token issued to the connected app. */
    refreshToken: z.string().min(1).optional(),
    /** JWT bearer flow: the Salesforce username the integration acts as (the assertion's `sub`). */
    username: z.string().trim().min(1).optional(),
    /** JWT bearer flow: the PEM private key whose certificate is uploaded to the connected app. */
    privateKey: z.string().optional(),
    /**
     * An External ID text field (unique) on Task that Tripline fills with each step's idempotency key,
     * so a retried createTask upserts the same task instead of creating a second one.
     */
    idempotencyField: customField.default('Tripline_Key__c'),
    /**
     * Share of the org's daily API allocation (from `Sforce-Limit-Info`) Tripline may use; past it,
     * calls wait (RateLimitedError) so the org's other integrations keep their part of the budget.
     */
    apiBudgetPercent: z.number().min(1).max(100).default(90),
  })
  .superRefine((config, context) => {
    const missing = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (config.grantType === 'refreshToken') {
      if (!config.refreshToken) missing('refreshToken', 'refreshToken is required for the refresh token flow');
      return;
    }
    if (!config.username) missing('username', 'username is required for the JWT bearer flow');
    if (!config.privateKey) missing('privateKey', 'privateKey is required for the JWT bearer flow');
    else if (!isPrivateKey(config.privateKey)) {
      missing('privateKey', 'privateKey must be a PEM private key (RSA) matching the certificate uploaded to the connected app');
    }
  });

export type SalesforceConfig = z.output<typeof salesforceConfigSchema>;

/** The credentials of a parsed config, by grant type (the schema guarantees the fields are there). */
export type SalesforceGrant =
  | { grantType: 'refreshToken'; clientSecret?: string; refreshToken: string }
  | { grantType: 'jwtBearer'; username: string; privateKey: string };

export function grantOf(config: SalesforceConfig): SalesforceGrant {
  if (config.grantType === 'refreshToken') {
    return { grantType: 'refreshToken', clientSecret: config.clientSecret, refreshToken: config.refreshToken ?? '' };
  }
  return { grantType: 'jwtBearer', username: config.username ?? '', privateKey: config.privateKey ?? '' };
}

/** Never logged, never returned: encrypted at rest with the connection. */
export const SALESFORCE_SECRET_FIELDS = ['clientSecret', 'refreshToken', 'privateKey'] as const;
