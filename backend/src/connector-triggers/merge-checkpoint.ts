import type { PollCheckpoint } from '@tripline/connector-sdk';

/**
 * The checkpoint to keep when a delivery brings one: it only moves forward. A replayed or late
 * delivery (an older poll retried after a newer one landed) never moves it back; at the same time,
 * the ids delivered there add up.
 */
export function mergeCheckpoint(stored: PollCheckpoint | null, delivered: PollCheckpoint | null | undefined): PollCheckpoint | null {
  if (!delivered) return stored;
  if (!stored) return { time: new Date(delivered.time).toISOString(), idsAtTime: [...new Set(delivered.idsAtTime)] };
  const storedMs = Date.parse(stored.time);
  const deliveredMs = Date.parse(delivered.time);
  if (deliveredMs < storedMs) return stored;
  if (deliveredMs > storedMs) return { time: new Date(deliveredMs).toISOString(), idsAtTime: [...new Set(delivered.idsAtTime)] };
  return { time: stored.time, idsAtTime: [...new Set([...stored.idsAtTime, ...delivered.idsAtTime])] };
}
