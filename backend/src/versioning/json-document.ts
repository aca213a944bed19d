import { badUserInput } from '../graphql/errors';

/** The cheap limits a stored JSON document (a playbook, a scoring model) is held to before it is saved. */
export interface JsonDocumentLimits {
  /** What the document is, for messages: "a playbook", "a scoring model". */
  noun: string;
  maxDepth: number;
  maxBytes: number;
}

/**
 * A JSON object, not nested absurdly deep, not too large. Everything else (shape, cross-field rules)
 * is the document's own validation at publish, so work in progress can be saved.
 */
export function checkJsonDocument(definition: unknown, field: string, limits: JsonDocumentLimits): Record<string, unknown> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw badUserInput(`${field}: must be a JSON object (${limits.noun} document)`);
  }
  // Iterative depth check first: JSON.stringify of a hostile, deeply nested value would overflow the stack.
  const stack: { value: unknown; depth: number }[] = [{ value: definition, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) throw badUserInput(`${field}: nested too deeply (at most ${limits.maxDepth} levels)`);
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > limits.maxBytes) throw badUserInput(`${field}: is ${bytes} bytes; ${limits.noun} may be at most ${formatBytes(limits.maxBytes)}`);
  return definition as Record<string, unknown>;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** A trimmed, non-empty name of at most `maxLength` characters. */
export function checkName(name: unknown, maxLength: number, field = 'name'): string {
  if (typeof name !== 'string' || name.trim() === '') throw badUserInput(`${field}: must not be empty`);
  const trimmed = name.trim();
  if (trimmed.length > maxLength) throw badUserInput(`${field}: must be at most ${maxLength} characters`);
  return trimmed;
}

/** Optional text of at most `maxLength` characters; empty becomes null. */
export function checkDescription(description: unknown, maxLength: number, field = 'description'): string | null {
  if (description === null || description === undefined) return null;
  if (typeof description !== 'string') throw badUserInput(`${field}: must be text`);
  if (description.length > maxLength) throw badUserInput(`${field}: must be at most ${maxLength} characters`);
  return description.trim() === '' ? null : description;
}
