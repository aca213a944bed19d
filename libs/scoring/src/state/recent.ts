import { RECENT_PER_RULE, stateKey, type ScoreState, type StoredContribution } from './score-state';
import { earlierFirst, insertionIndex } from './sorted-entries';

const laterFirst = (a: StoredContribution, b: StoredContribution): number => -earlierFirst(a, b);

/**
 * Keeps the latest RECENT_PER_RULE contributions of each rule. Every contribution of a rule has the
 * same points, and a later one is worth at least as much now (decay) and stays in a window at least
 * as long, so the top n ≤ RECENT_PER_RULE contributions overall are always among these.
 */
export function rememberRecent(state: ScoreState, entry: StoredContribution): void {
  const key = stateKey(entry.ruleId);
  const list = Object.prototype.hasOwnProperty.call(state.recent, key) ? state.recent[key]! : (state.recent[key] = []);
  if (list.some((kept) => kept.messageId === entry.messageId)) return;
  const index = insertionIndex(list, entry, laterFirst);
  if (index >= RECENT_PER_RULE) return;
  list.splice(index, 0, entry);
  if (list.length > RECENT_PER_RULE) list.length = RECENT_PER_RULE;
}
