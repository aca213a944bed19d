/** The draft as text in the JSON editor. */

export type ParsedDraft = { ok: true; value: unknown } | { ok: false; error: string };

export function parseDraftText(text: string): ParsedDraft {
  if (text.trim() === '') return { ok: false, error: 'The draft is empty.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `The draft is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function formatDraft(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}
