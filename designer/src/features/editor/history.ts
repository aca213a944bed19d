/**
 * Undo / redo over whole documents. Every edit makes a new document (the old one is never mutated),
 * so a history entry is just the previous document: cheap, since unchanged parts are shared.
 * Bounded to HISTORY_LIMIT steps. Edits with the same `coalesceKey` in a row (typing into one
 * field) are one step; one drag is one edit already, as positions are committed when it ends.
 */
import type { Playbook } from '@tripline/playbook';

export const HISTORY_LIMIT = 100;

/** A document as the editor held it; the revision tells a saved state from an edited one. */
export interface Snapshot {
  document: Playbook;
  revision: number;
}

/** `label` names the edit between this entry and the next state ("Undo Add step"). */
export interface HistoryEntry {
  snapshot: Snapshot;
  label: string;
}

export interface EditHistory {
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** The key of the last edit, while further edits with the same key may join its step. */
  coalesceKey: string | null;
}

export const EMPTY_HISTORY: EditHistory = Object.freeze({ past: [], future: [], coalesceKey: null }) as EditHistory;

export interface Recorded {
  history: EditHistory;
  current: Snapshot;
}

export function record(history: EditHistory, current: Snapshot, next: Snapshot, label: string, coalesceKey?: string, limit = HISTORY_LIMIT): Recorded {
  const joins = coalesceKey !== undefined && history.coalesceKey === coalesceKey && history.past.length > 0;
  const past = joins ? history.past : [...history.past, { snapshot: current, label }].slice(-limit);
  return { history: { past, future: [], coalesceKey: coalesceKey ?? null }, current: next };
}

export function undo(history: EditHistory, current: Snapshot): Recorded | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [{ snapshot: current, label: entry.label }, ...history.future], coalesceKey: null },
    current: entry.snapshot,
  };
}

export function redo(history: EditHistory, current: Snapshot): Recorded | null {
  const entry = history.future[0];
  if (!entry) return null;
  return {
    history: { past: [...history.past, { snapshot: current, label: entry.label }], future: history.future.slice(1), coalesceKey: null },
    current: entry.snapshot,
  };
}
