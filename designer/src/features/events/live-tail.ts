/** The live tail's list logic and wording. Pure. */
import type { EventScoreEffect, IngestedEvent } from './live-events-api';

/** Rows the tail keeps on screen: older ones fall off the end. */
export const TAIL_CAP = 500;

/**
 * `incoming` (oldest first, as the feed delivers them) put on top of `rows` (newest first), each
 * messageId once — a reconnect reload can overlap what the feed already delivered — and cut to `cap`.
 */
export function prependEvents(rows: readonly IngestedEvent[], incoming: readonly IngestedEvent[], cap = TAIL_CAP): IngestedEvent[] {
  if (incoming.length === 0) return rows.length > cap ? rows.slice(0, cap) : [...rows];
  const seen = new Set<string>();
  const out: IngestedEvent[] = [];
  for (const event of [...incoming].reverse().concat(rows)) {
    if (seen.has(event.messageId)) continue;
    seen.add(event.messageId);
    out.push(event);
    if (out.length === cap) break;
  }
  return out;
}

function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** "+75", "−3.5", "0". */
export function formatPoints(points: number): string {
  if (points > 0) return `+${number(points)}`;
  if (points < 0) return `−${number(Math.abs(points))}`;
  return '0';
}

/** "+75 Lead score 5 → 80 (Low → High)"; "(High)" when the tier stayed; no tier part for a model without tiers. */
export function formatScoreEffect(effect: EventScoreEffect): string {
  const tiers =
    effect.tierBefore === null && effect.tierAfter === null
      ? ''
      : effect.tierBefore === effect.tierAfter
        ? ` (${effect.tierAfter})`
        : ` (${effect.tierBefore ?? 'no tier'} → ${effect.tierAfter ?? 'no tier'})`;
  const who = effect.subjectKind === 'account' ? 'account ' : '';
  return `${formatPoints(effect.points)} ${who}${effect.modelName} ${number(effect.scoreBefore)} → ${number(effect.scoreAfter)}${tiers}`;
}

/** Who an event is about, as the tail names them. */
export function actorOf(event: IngestedEvent): string {
  return event.userId ?? (event.anonymousId ? `anonymous ${event.anonymousId}` : (event.personId ?? '—'));
}
