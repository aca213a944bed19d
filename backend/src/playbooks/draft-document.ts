import { PLAYBOOK_LIMITS } from '@tripline/playbook';
import { checkDescription as checkOptionalText, checkJsonDocument, checkName as checkText } from '../versioning/json-document';

export const MAX_DRAFT_BYTES = 1024 * 1024;
export const MAX_NAME_LENGTH = PLAYBOOK_LIMITS.maxNameLength;

const PLAYBOOK_DOCUMENT = { noun: 'a playbook', maxDepth: PLAYBOOK_LIMITS.maxJsonDepth, maxBytes: MAX_DRAFT_BYTES };

/**
 * The cheap checks a draft passes before it is stored: a JSON object, at most 1 MB, not nested
 * absurdly deep. Everything else (shape, graph, configuration) is validate()'s job at publish, so
 * the designer can save work in progress.
 */
export function checkDraftDocument(definition: unknown, field = 'definition'): Record<string, unknown> {
  return checkJsonDocument(definition, field, PLAYBOOK_DOCUMENT);
}

export function checkName(name: unknown, field = 'name'): string {
  return checkText(name, MAX_NAME_LENGTH, field);
}

export function checkDescription(description: unknown, field = 'description'): string | null {
  return checkOptionalText(description, PLAYBOOK_LIMITS.maxDescriptionLength, field);
}

/**
 * A new playbook's draft: schema-valid, with one end node. Its trigger event is left empty on
 * purpose — validate() asks for it — so a fresh playbook cannot enroll anyone until an editor
 * has chosen what starts it.
 */
export function skeletonDraft(id: string, name: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    version: 0,
    name,
    trigger: { kind: 'event', event: '' },
    enrollment: { subject: 'person', reenroll: 'never' },
    start: 'end',
    nodes: { end: { kind: 'end', label: 'End' } },
    edges: [],
    layout: { end: { x: 0, y: 0 } },
  };
}
