import { useState } from 'react';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * What a person is typing into a field whose value only counts when it is complete: a duration
 * ("2" on the way to "2d"), a number ("1." on the way to "1.5"), JSON. The text stays as typed; the
 * document only receives parsed values. When the document changes by other means (undo, the JSON
 * editor), the text follows — unless it already means that value, so typing is never interrupted.
 */
export function useDraft<T>(value: T, format: (value: T) => string, parse: (text: string) => Parsed<T>, same: (a: T, b: T) => boolean = Object.is) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState<{ value: T }>({ value });
  if (!same(seen.value, value)) {
    // Adjusting state during render (React's pattern for "reset when a prop changes").
    setSeen({ value });
    const current = parse(text);
    if (!current.ok || !same(current.value, value)) setText(format(value));
  }
  const parsed = parse(text);
  return { text, setText, error: parsed.ok ? undefined : parsed.error, parsed };
}

/** Deep equality of JSON-like values (documents are plain JSON). */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
