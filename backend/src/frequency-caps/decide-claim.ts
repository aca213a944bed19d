import { rulesFor, type FrequencyCapRule, type OutreachChannel } from './frequency-cap-rules';

const DAY_MS = 86_400_000;

/** A claim that counts against the caps: reserved (not sent yet) or committed (sent, or being sent). */
export interface HeldClaim {
  id: string;
  channel: OutreachChannel;
  playbookId: string;
  priority: number;
  state: 'reserved' | 'committed';
  claimedAt: Date;
}

export type ClaimDecision =
  | { granted: true; takeOver: HeldClaim[] }
  | { granted: false; reason: string; retryAt: Date };

/**
 * Whether a new outreach on `channel` may go to a contact that already holds `held` claims. Pure.
 *
 * Per rule (the channel's and 'all'): fewer than `max` claims within the last `days` → fine. At the
 * limit, the claim may take over ONE reserved (not yet committed) claim of a playbook with a strictly
 * lower priority — that run has not reached the contact yet, and the higher-priority playbook is
 * the one the workspace prefers (the loser learns it at its commit and is skipped or waits).
 * Committed claims are never taken over: that outreach happened. Otherwise the claim is refused
 * with the time the window lets it through again.
 */
export function decideClaim(
  rules: readonly FrequencyCapRule[],
  held: readonly HeldClaim[],
  request: { channel: OutreachChannel; priority: number },
  now: Date,
): ClaimDecision {
  const takeOver: HeldClaim[] = [];
  let retryAt = 0;
  const reasons: string[] = [];
  for (const rule of rulesFor(rules, request.channel)) {
    const since = now.getTime() - rule.days * DAY_MS;
    const counting = held
      .filter((claim) => claim.claimedAt.getTime() > since && (rule.channel === 'all' || claim.channel === rule.channel))
      .filter((claim) => !takeOver.includes(claim))
      .sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
    if (counting.length < rule.max) continue;
    const victim = counting
      .filter((claim) => claim.state === 'reserved' && claim.priority < request.priority)
      .sort((a, b) => a.priority - b.priority)[0];
    if (victim && counting.length - 1 < rule.max) {
      takeOver.push(victim);
      continue;
    }
    // The window lets one more through once enough of the counted claims have aged out of it.
    retryAt = Math.max(retryAt, counting[counting.length - rule.max]!.claimedAt.getTime() + rule.days * DAY_MS);
    reasons.push(`at most ${rule.max} per ${formatDays(rule.days)} ${rule.channel === 'all' ? 'across all channels' : `on ${rule.channel}`}`);
  }
  if (reasons.length > 0) {
    return {
      granted: false,
      reason: `frequency cap: the contact was already reached (${reasons.join('; ')})`,
      retryAt: new Date(retryAt),
    };
  }
  return { granted: true, takeOver };
}

function formatDays(days: number): string {
  return days === 1 ? 'day' : `${days} days`;
}
