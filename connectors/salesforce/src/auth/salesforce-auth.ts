import { defineAuth, type AuthTestResult } from '@tripline/connector-sdk';
import { parseLimitInfo } from '../api/api-usage';
import { salesforceError } from '../api/salesforce-errors';
import { SALESFORCE_SECRET_FIELDS, salesforceConfigSchema, type SalesforceConfig } from './salesforce-config';
import { requestSession } from './token-client';

/**
 * Checks a connection the way it will be used: a fresh token from the token endpoint (not a cached
 * one), then an authenticated call to /services/data/<version>/limits. The message names the org and
 * its API budget; it never contains a credential.
 */
export async function testSalesforceConnection(config: SalesforceConfig): Promise<AuthTestResult> {
  try {
    const session = await requestSession(config);
    const path = `/services/data/${config.apiVersion}/limits`;
    const response = await fetch(`${session.instanceUrl}${path}`, {
      headers: { Authorization: `Bearer ${session.accessToken}`, Accept: 'application/json' },
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw salesforceError(response, `Salesforce GET ${path}`, body);
    const usage = parseLimitInfo(response.headers.get('sforce-limit-info'));
    const budget = usage ? `; API usage ${usage.used} of ${usage.max} calls in the last 24 hours` : '';
    return { ok: true, message: `Connected to ${session.instanceUrl} (API ${config.apiVersion})${budget}` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** OAuth 2.0: a refresh token, or the JWT bearer flow with the connected app's certificate key. */
export const salesforceAuth = defineAuth({
  kind: 'oauth2',
  config: salesforceConfigSchema,
  secretFields: SALESFORCE_SECRET_FIELDS,
  test: testSalesforceConnection,
});
