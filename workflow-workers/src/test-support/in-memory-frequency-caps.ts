import type { FrequencyCapClaim, FrequencyCapClaimRequest, FrequencyCapCommit, FrequencyCapCommitRequest } from '../worker-api/frequency-cap-types';

/** A workspace rule: at most `max` outreach per contact within `days` (on a channel, or on all). */
export interface InMemoryCapRule {
  channel: 'all' | FrequencyCapClaimRequest['channel'];
  max: number;
  days: number;
}

interface Claim extends FrequencyCapClaimRequest {
  state: 'reserved' | 'committed' | 'lost';
  claimedAt: number;
  lostTo?: FrequencyCapClaimRequest;
}

const DAY_MS = 86_400_000;

/**
 * The frequency caps of /internal/frequency-caps/* for worker tests, with the backend's rules
 * (backend/src/frequency-caps/decide-claim.ts): a claim under a key answers the same on a retry; a
 * claim over a rule's limit may take over a *reserved* (not yet committed) claim of a lower-priority
 * playbook; otherwise it is refused with the time the window allows it again.
 */
export class InMemoryFrequencyCaps {
  rules: InMemoryCapRule[] = [];
  readonly claims = new Map<string, Claim>();
  /** The clock claims are stamped with (e.g. the time-skipping test server's time). */
  now: () => number | Promise<number> = () => Date.now();

  async claim(request: FrequencyCapClaimRequest): Promise<FrequencyCapClaim> {
    const id = `${request.workspaceId}/${request.key}`;
    const existing = this.claims.get(id);
    if (existing && existing.state !== 'lost') return { granted: true, state: existing.state };
    const now = await this.now();
    const victims: Claim[] = [];
    let retryAt = 0;
    const reasons: string[] = [];
    for (const rule of this.rules.filter((candidate) => candidate.channel === 'all' || candidate.channel === request.channel)) {
      const since = now - rule.days * DAY_MS;
      const counting = [...this.claims.values()]
        .filter((claim) => claim.workspaceId === request.workspaceId && claim.contact.kind === request.contact.kind && claim.contact.id === request.contact.id)
        .filter((claim) => claim.state !== 'lost' && claim.claimedAt > since && (rule.channel === 'all' || claim.channel === rule.channel))
        .filter((claim) => !victims.includes(claim))
        .sort((a, b) => a.claimedAt - b.claimedAt);
      if (counting.length < rule.max) continue;
      const victim = counting
        .filter((claim) => claim.state === 'reserved' && claim.priority < request.priority)
        .sort((a, b) => a.priority - b.priority)[0];
      if (victim && counting.length - 1 < rule.max) {
        victims.push(victim);
        continue;
      }
      retryAt = Math.max(retryAt, counting[counting.length - rule.max]!.claimedAt + rule.days * DAY_MS);
      reasons.push(`at most ${rule.max} per ${rule.days === 1 ? 'day' : `${rule.days} days`} ${rule.channel === 'all' ? 'across all channels' : `on ${rule.channel}`}`);
    }
    if (reasons.length > 0) {
      const reason = `frequency cap: the contact was already reached (${reasons.join('; ')})`;
      return { granted: false, reason, retryAt: new Date(retryAt).toISOString() };
    }
    for (const victim of victims) {
      victim.state = 'lost';
      victim.lostTo = request;
    }
    this.claims.set(id, { ...structuredClone(request), state: 'reserved', claimedAt: now });
    return victims.length ? { granted: true, state: 'reserved', tookOverFrom: victims[0]!.key } : { granted: true, state: 'reserved' };
  }

  commit({ workspaceId, key }: FrequencyCapCommitRequest): FrequencyCapCommit {
    const claim = this.claims.get(`${workspaceId}/${key}`);
    if (!claim) return { committed: false, reason: `no frequency cap claim under ${key}: claim before committing` };
    if (claim.state === 'lost') {
      const by = claim.lostTo!;
      return {
        committed: false,
        reason: `frequency cap: the contact was taken over by playbook ${by.playbookId} (priority ${by.priority} > ${claim.priority}) before this step sent anything`,
      };
    }
    claim.state = 'committed';
    return { committed: true };
  }
}
