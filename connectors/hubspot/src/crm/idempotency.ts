import { NonRetryableError, isConnectorError } from '@tripline/connector-sdk';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { searchRecords } from './crm-objects';
import type { CrmObjectType, CrmRecord } from './crm-types';

/**
 * HubSpot takes no idempotency key on creates, so every record Tripline writes carries the step's
 * key in this custom property (single-line text, hidden from forms; created once per account on
 * tasks, notes, contacts and companies — see the README). A retried create first searches for it.
 */
export const IDEMPOTENCY_PROPERTY = 'tripline_idempotency_key';

/** The objects that need the property. */
export const IDEMPOTENCY_OBJECT_TYPES: readonly CrmObjectType[] = ['tasks', 'notes', 'contacts', 'companies'];

/** The record an earlier attempt of the same step created, if any. */
export async function findByIdempotencyKey(
  config: HubSpotConfig,
  type: CrmObjectType,
  idempotencyKey: string,
  properties: string[],
  signal?: AbortSignal,
): Promise<CrmRecord | undefined> {
  const page = await withPropertyHint(type, () =>
    searchRecords(
      config,
      type,
      {
        filterGroups: [{ filters: [{ propertyName: IDEMPOTENCY_PROPERTY, operator: 'EQ', value: idempotencyKey }] }],
        properties: [...properties, IDEMPOTENCY_PROPERTY],
        limit: 1,
      },
      signal,
    ),
  );
  return page.results[0];
}

/**
 * Runs a call that names the idempotency property; when HubSpot says the property does not exist,
 * the error says how to create it instead of repeating HubSpot's validation message alone.
 */
export async function withPropertyHint<T>(type: CrmObjectType, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isConnectorError(error) && error.message.includes(IDEMPOTENCY_PROPERTY) && /does not exist|PROPERTY_DOESNT_EXIST/.test(error.message)) {
      throw new NonRetryableError(
        `The HubSpot account has no '${IDEMPOTENCY_PROPERTY}' property on ${type}; create it once (a single-line text property, see the HubSpot connector README) so Tripline's writes can be retried without duplicates. ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}
