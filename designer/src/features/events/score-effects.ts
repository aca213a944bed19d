/** A subject's scored events with the effect each had on the score. Pure. */
import type { ScoreContribution, ScoreHistoryEntry } from '../../api/ops-operations';

export interface ScoreEffect {
  at: string;
  messageId: string;
  /** The event's name when it still contributes (the history itself records only the message id). */
  event: string | null;
  score: number;
  /** Score after this event minus the score after the one before (so it includes decay in between); null for the oldest shown. */
  change: number | null;
  tier: string | null;
  /** The tier differs from the one after the previous event. */
  tierChanged: boolean;
}

/** `history` newest first, as the API returns it; effects come back in the same order. */
export function scoreEffects(history: readonly ScoreHistoryEntry[], contributions: readonly ScoreContribution[] = []): ScoreEffect[] {
  const names = new Map(contributions.map((c) => [c.messageId, c.event]));
  return history.map((entry, index) => {
    const previous = history[index + 1];
    return {
      at: entry.at,
      messageId: entry.messageId,
      event: names.get(entry.messageId) ?? null,
      score: entry.score,
      change: previous ? Math.round((entry.score - previous.score) * 100) / 100 : null,
      tier: entry.tier,
      tierChanged: previous !== undefined && previous.tier !== entry.tier,
    };
  });
}

/** "+12.5", "−3", "0". */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (change > 0) return `+${change}`;
  if (change < 0) return `−${Math.abs(change)}`;
  return '0';
}
