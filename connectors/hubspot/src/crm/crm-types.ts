/** HubSpot's CRM object types this connector reads or writes (v3 object API names). */
export type CrmObjectType = 'contacts' | 'companies' | 'deals' | 'tasks' | 'notes';

export interface PropertyHistoryEntry {
  value: string;
  /** ISO 8601. */
  timestamp: string;
  sourceType?: string;
  sourceId?: string;
}

/** A record as the v3 object API returns it; property values are strings (or null when empty). */
export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  /** Newest first, when asked for with `propertiesWithHistory`. */
  propertiesWithHistory?: Record<string, PropertyHistoryEntry[]>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
}

export interface SearchFilter {
  propertyName: string;
  operator: 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN' | 'NOT_CONTAINS_TOKEN';
  value?: string;
  highValue?: string;
  values?: string[];
}

/** POST /crm/v3/objects/{type}/search: filter groups are ORed, filters in a group ANDed. */
export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[];
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  properties?: string[];
  limit?: number;
  /** The `paging.next.after` of the previous page. */
  after?: string;
}

export interface SearchPage {
  total: number;
  results: CrmRecord[];
  paging?: { next?: { after: string; link?: string } };
}
