/** The object types the fake serves (v3 names), with what HubSpot knows about their properties. */
export type FakeObjectType = 'contacts' | 'companies' | 'deals' | 'tasks' | 'notes';

export const FAKE_OBJECT_TYPES: readonly FakeObjectType[] = ['contacts', 'companies', 'deals', 'tasks', 'notes'];

/** Datetime properties: stored as ISO strings, compared as instants in search filters. */
export const DATETIME_PROPERTIES = new Set([
  'createdate',
  'lastmodifieddate',
  'hs_createdate',
  'hs_lastmodifieddate',
  'hs_timestamp',
  'closedate',
  'hs_v2_date_entered_current_stage',
]);

const COMMON = ['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', 'hubspot_owner_id'];

/** Standard properties (a portal has many more; these are the ones the connector and its tests touch). */
export const STANDARD_PROPERTIES: Record<FakeObjectType, readonly string[]> = {
  contacts: [...COMMON, 'createdate', 'lastmodifieddate', 'email', 'firstname', 'lastname', 'phone', 'jobtitle', 'lifecyclestage', 'hs_lead_status'],
  companies: [...COMMON, 'createdate', 'name', 'domain', 'industry', 'numberofemployees', 'lifecyclestage'],
  deals: [...COMMON, 'createdate', 'dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'closed_lost_reason', 'hs_v2_date_entered_current_stage'],
  tasks: [...COMMON, 'hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type'],
  notes: [...COMMON, 'hs_timestamp', 'hs_note_body'],
};

/** What a search or GET returns when no `properties` are asked for. */
export const DEFAULT_RETURNED: Record<FakeObjectType, readonly string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Enumerations the fake validates (HubSpot answers INVALID_OPTION for other values). */
export const ENUMERATIONS: Record<string, readonly string[]> = {
  hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
  hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
  hs_task_type: ['CALL', 'EMAIL', 'TODO', 'LINKED_IN'],
  lifecyclestage: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'],
  dealstage: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'],
};

/** Properties HubSpot sets itself: a write to them is refused as read-only... or, here, simply ignored. */
export const SYSTEM_PROPERTIES = new Set(['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', 'createdate', 'lastmodifieddate', 'hs_v2_date_entered_current_stage']);

/** HubSpot-defined association type ids the fake accepts: from an engagement to the record type. */
export const ASSOCIATION_TARGETS: Partial<Record<FakeObjectType, Record<number, FakeObjectType>>> = {
  tasks: { 204: 'contacts', 192: 'companies', 216: 'deals' },
  notes: { 202: 'contacts', 190: 'companies', 214: 'deals' },
};
