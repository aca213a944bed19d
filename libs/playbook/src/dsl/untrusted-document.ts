import { PLAYBOOK_LIMITS } from './limits';

/** Bounds of an untrusted JSON document, and what to call it in messages ("the playbook is too large"). */
export interface DocumentLimits {
  what: string;
  maxJsonDepth: number;
  maxJsonValues: number;
  maxJsonStringLength: number;
}

const PLAYBOOK_DOCUMENT: DocumentLimits = { what: 'playbook', ...PLAYBOOK_LIMITS };

export interface DocumentProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Walks an untrusted document without recursion before the schema sees it, so a deeply nested,
 * huge or cyclic input is refused with a clear message instead of exhausting the stack or memory,
 * and an own "__proto__" key (JSON.parse creates those) is refused instead of silently dropped.
 */
export function checkUntrustedDocument(input: unknown, L: DocumentLimits = PLAYBOOK_DOCUMENT): DocumentProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    values += 1;
    if (values > L.maxJsonValues) {
      return { path: [], message: `the ${L.what} is too large: more than ${L.maxJsonValues} values` };
    }
    if (typeof value === 'string') {
      if (value.length > L.maxJsonStringLength) {
        return { path, message: `text is too long: at most ${L.maxJsonStringLength} characters` };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= L.maxJsonDepth) {
      return { path, message: `nested too deeply: at most ${L.maxJsonDepth} levels` };
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) stack.push({ value: value[index], path: [...path, index] });
      continue;
    }
    const keys = Object.keys(value);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index]!;
      if (key === '__proto__') return { path: [...path, key], message: '"__proto__" is not allowed as a key' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}
