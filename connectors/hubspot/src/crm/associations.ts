import type { AssociationInput } from './crm-objects';

/**
 * HubSpot-defined association type ids (associations v4) from an engagement to the record it is
 * about: a task or note shows on the timeline of the contact, company or deal it is associated with.
 */
export const ASSOCIATION_TYPE_IDS = {
  tasks: { contact: 204, company: 192, deal: 216 },
  notes: { contact: 202, company: 190, deal: 214 },
} as const;

export interface AssociatedRecords {
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

/** The `associations` of a create request for a task or note. */
export function associationsFor(engagement: 'tasks' | 'notes', records: AssociatedRecords): AssociationInput[] {
  const ids = ASSOCIATION_TYPE_IDS[engagement];
  const pairs: [string | undefined, number][] = [
    [records.contactId, ids.contact],
    [records.companyId, ids.company],
    [records.dealId, ids.deal],
  ];
  return pairs
    .filter((pair): pair is [string, number] => pair[0] !== undefined)
    .map(([id, associationTypeId]) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }));
}
