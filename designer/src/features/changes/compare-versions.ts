/** Which documents a version comparison sets side by side: a published version or the saved draft. */
import { diffPlaybooks, type Playbook, type StructuredDiff } from '@tripline/playbook';
import type { PlaybookHistory } from '../../api/changes-operations';

/** "draft", "none" (nothing: a first publish) or a version number as text. */
export type VersionChoice = string;
export const DRAFT = 'draft';
export const NOTHING = 'none';

export function documentOf(history: PlaybookHistory, choice: VersionChoice): Playbook | null {
  if (choice === NOTHING) return null;
  if (choice === DRAFT) return history.draft as Playbook;
  return (history.versions.find((v) => String(v.version) === choice)?.definition as Playbook | undefined) ?? null;
}

/** The comparison shown first: the live version (else the newest) against the draft. */
export function defaultComparison(history: PlaybookHistory): { from: VersionChoice; to: VersionChoice } {
  const base = history.publishedVersion ?? history.versions[0]?.version;
  return { from: base === undefined ? NOTHING : String(base), to: DRAFT };
}

export type Comparison = { ok: true; before: Playbook | null; after: Playbook; diff: StructuredDiff } | { ok: false; message: string };

export function compareVersions(history: PlaybookHistory, from: VersionChoice, to: VersionChoice): Comparison {
  const before = documentOf(history, from);
  const after = documentOf(history, to);
  if (!after) return { ok: false, message: 'Choose a version to compare with.' };
  try {
    return { ok: true, before, after, diff: diffPlaybooks(before, after) };
  } catch (error) {
    // A draft is saved as typed: it may not be a whole playbook yet.
    return { ok: false, message: `These versions cannot be compared: ${error instanceof Error ? error.message : String(error)}` };
  }
}
