import { defineAuth, isConnectorError, type AuthTestResult } from '@tripline/connector-sdk';
import { hubspotCall } from '../http/hubspot-client';
import { IDEMPOTENCY_OBJECT_TYPES, IDEMPOTENCY_PROPERTY } from '../crm/idempotency';
import { HUBSPOT_SECRET_FIELDS, hubspotConfigSchema, type HubSpotConfig } from './hubspot-config';

/**
 * HubSpot connections: a private app token or an OAuth2 app with a refresh token (see
 * hubspot-config.ts). Kind `apiKey`: what the admin pastes is a Bearer credential either way.
 */
export const hubspotAuth = defineAuth({
  kind: 'apiKey',
  config: hubspotConfigSchema,
  secretFields: HUBSPOT_SECRET_FIELDS,
  test: testHubSpotConnection,
});

/**
 * A cheap authenticated read (one contact) proves the token and the contacts scope; then the
 * idempotency property is looked up on each object Tripline writes, so a missing setup step shows
 * when the connection is saved rather than at the first playbook run.
 */
export async function testHubSpotConnection(config: HubSpotConfig): Promise<AuthTestResult> {
  try {
    await hubspotCall(config, { method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: '1', archived: 'false' } });
  } catch (error) {
    return { ok: false, message: `HubSpot refused the connection: ${messageOf(error)}` };
  }
  const missing: string[] = [];
  for (const type of IDEMPOTENCY_OBJECT_TYPES) {
    try {
      await hubspotCall(config, { method: 'GET', path: `/crm/v3/properties/${type}/${IDEMPOTENCY_PROPERTY}` });
    } catch (error) {
      if (isConnectorError(error) && / answered 404/.test(error.message)) missing.push(type);
      else return { ok: false, message: `Could not read the ${type} properties: ${messageOf(error)}` };
    }
  }
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The connection works, but the '${IDEMPOTENCY_PROPERTY}' property is missing on ${missing.join(', ')}; create it (single-line text) so retried writes are not duplicated (see the HubSpot connector README)`,
    };
  }
  return { ok: true };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
