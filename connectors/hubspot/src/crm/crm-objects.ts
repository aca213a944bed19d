import { isConnectorError, NonRetryableError } from '@tripline/connector-sdk';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { hubspotCall } from '../http/hubspot-client';
import type { CrmObjectType, CrmRecord, SearchPage, SearchRequest } from './crm-types';

const objectPath = (type: CrmObjectType, id?: string) =>
  id === undefined ? `/crm/v3/objects/${type}` : `/crm/v3/objects/${type}/${encodeURIComponent(id)}`;

/** GET one record with the named properties (and their history, newest first, when asked). */
export async function readRecord(
  config: HubSpotConfig,
  type: CrmObjectType,
  id: string,
  options: { properties: string[]; propertiesWithHistory?: string[]; signal?: AbortSignal },
): Promise<CrmRecord> {
  const answer = await hubspotCall<CrmRecord>(config, {
    method: 'GET',
    path: objectPath(type, id),
    query: {
      properties: options.properties.join(','),
      propertiesWithHistory: options.propertiesWithHistory?.length ? options.propertiesWithHistory.join(',') : undefined,
    },
    signal: options.signal,
  });
  return answer.body;
}

export async function updateRecord(
  config: HubSpotConfig,
  type: CrmObjectType,
  id: string,
  properties: Record<string, string>,
  signal?: AbortSignal,
): Promise<CrmRecord> {
  const answer = await hubspotCall<CrmRecord>(config, { method: 'PATCH', path: objectPath(type, id), body: { properties }, signal });
  return answer.body;
}

export interface AssociationInput {
  to: { id: string };
  types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[];
}

export async function createRecord(
  config: HubSpotConfig,
  type: CrmObjectType,
  input: { properties: Record<string, string>; associations?: AssociationInput[] },
  signal?: AbortSignal,
): Promise<CrmRecord> {
  const answer = await hubspotCall<CrmRecord>(config, { method: 'POST', path: objectPath(type), body: input, signal });
  return answer.body;
}

/** Moves a record to the recycle bin. False when it was already gone (404): an undo may be retried. */
export async function archiveRecord(config: HubSpotConfig, type: CrmObjectType, id: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await hubspotCall(config, { method: 'DELETE', path: objectPath(type, id), signal });
    return true;
  } catch (error) {
    if (isConnectorError(error) && error instanceof NonRetryableError && / answered 404/.test(error.message)) return false;
    throw error;
  }
}

export async function searchRecords(
  config: HubSpotConfig,
  type: CrmObjectType,
  request: SearchRequest,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const answer = await hubspotCall<SearchPage>(config, { method: 'POST', path: `${objectPath(type)}/search`, body: request, signal });
  return answer.body;
}
