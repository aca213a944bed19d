import { AuthError, errorFromHttpResponse } from '@tripline/connector-sdk';
import { parseErrorBody, salesforceError } from '../api/salesforce-errors';
import { signJwtAssertion } from './jwt-assertion';
import { grantOf, type SalesforceConfig } from './salesforce-config';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What the token endpoint answers (only the parts used). */
export interface SalesforceSession {
  accessToken: string;
  /** The org's instance, e.g. https://acme.my.salesforce.com: every REST call goes there. */
  instanceUrl: string;
}

function tokenUrl(config: SalesforceConfig): string {
  return `${config.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`;
}

function tokenRequestBody(config: SalesforceConfig): URLSearchParams {
  const grant = grantOf(config);
  if (grant.grantType === 'refreshToken') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: grant.refreshToken });
    if (grant.clientSecret) form.set('client_secret', grant.clientSecret);
    return form;
  }
  const assertion = signJwtAssertion(
    { iss: config.clientId, sub: grant.username, aud: config.loginUrl.replace(/\/+$/, '') },
    grant.privateKey,
  );
  return new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion });
}

/**
 * Gets an access token from /services/oauth2/token (refresh token or JWT bearer flow). A refused
 * grant (400 invalid_grant, invalid_client...) is an AuthError: someone has to fix the connection.
 * Error messages carry Salesforce's error code and description, never the credentials.
 */
export async function requestSession(config: SalesforceConfig, signal?: AbortSignal): Promise<SalesforceSession> {
  const response = await fetch(tokenUrl(config), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: tokenRequestBody(config),
    signal,
  });
  const text = await response.text();
  const body = parseJson(text);
  const what = `Salesforce token request (${config.grantType === 'refreshToken' ? 'refresh token' : 'JWT bearer'} flow)`;
  if (!response.ok) {
    // Only Salesforce's own error fields are repeated: a body is never echoed, in case it held a credential.
    const detail = describeOAuthError(body);
    // 400 is how the token endpoint refuses credentials (invalid_grant, invalid_client_id, ...).
    if (response.status === 400) throw new AuthError(`${what} was refused${detail ? `: ${detail}` : ''}`);
    // A REST-style error body (e.g. REQUEST_LIMIT_EXCEEDED from a gateway in front of the org) maps as REST errors do.
    if (parseErrorBody(body).length > 0) throw salesforceError(response, what, body);
    throw errorFromHttpResponse(response, what, detail);
  }
  const accessToken = body?.access_token;
  const instanceUrl = body?.instance_url;
  if (typeof accessToken !== 'string' || typeof instanceUrl !== 'string') {
    throw new AuthError(`${what} answered without access_token and instance_url`);
  }
  return { accessToken, instanceUrl: instanceUrl.replace(/\/+$/, '') };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describeOAuthError(body: Record<string, unknown> | undefined): string | undefined {
  if (!body || typeof body.error !== 'string') return undefined;
  return typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error;
}
