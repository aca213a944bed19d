import { PLAYBOOK_LIMITS } from '@tripline/playbook';
import { badUserInput } from '../graphql/errors';

export const MAX_DRAFT_BYTES = 1024 * 1024;
export const MAX_NAME_LENGTH = PLAYBOOK_LIMITS.maxNameLength;

/**
 * The cheap checks a draft passes before it is stored: a JSON object, at most 1 MB, not nested
 * absurdly deep. Everything else (shape, graph, configuration) is validate()'s job at publish, so
 * the designer can save work in progress.
 */
export function checkDraftDocument(definition: unknown, field = 'definition'): Record<string, unknown> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw badUserInput(`${field}: must be a JSON object (a playbook document)`);
  }
  // Iterative depth check first: JSON.stringify of a hostile, deeply nested value would overflow the stack.
  const stack: { value: unknown; depth: number }[] = [{ value: definition, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > PLAYBOOK_LIMITS.maxJsonDepth) {
      throw badUserInput(`${field}: nested too deeply (at most ${PLAYBOOK_LIMITS.maxJsonDepth} levels)`);
    }
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > MAX_DRAFT_BYTES) throw badUserInput(`${field}: is ${bytes} bytes; a playbook may be at most 1 MB`);
  return definition as Record<string, unknown>;
}

export function checkName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim() === '') throw badUserInput(`${field}: must not be empty`);
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) throw badUserInput(`${field}: must be at most ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

export function checkDescription(description: unknown, field = 'description'): string | null {
  if (description === null || description === undefined) return null;
  if (typeof description !== 'string') throw badUserInput(`${field}: must be text`);
  if (description.length > PLAYBOOK_LIMITS.maxDescriptionLength) {
    throw badUserInput(`${field}: must be at most ${PLAYBOOK_LIMITS.maxDescriptionLength} characters`);
  }
  return description.trim() === '' ? null : description;
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
