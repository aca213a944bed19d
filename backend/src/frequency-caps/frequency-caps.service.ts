import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { Transactions } from '../database/transactions';
import { decideClaim, type HeldClaim } from './decide-claim';
import { FrequencyCapClaimEntity } from './frequency-cap-claim.entity';
import { FrequencyCapContactEntity } from './frequency-cap-contact.entity';
import { frequencyCapRulesSchema, type FrequencyCapRule, type OutreachChannel } from './frequency-cap-rules';
import { FrequencyCapSettingsEntity } from './frequency-cap-settings.entity';

const DAY_MS = 86_400_000;

export interface ClaimRequest {
  workspaceId: string;
  /** The outreach step's ledger key: the same key always gets the same claim back. */
  key: string;
  contact: { kind: 'person' | 'account'; id: string };
  channel: OutreachChannel;
  playbookId: string;
  runId: string;
  priority: number;
}

export type ClaimAnswer =
  | { granted: true; state: 'reserved' | 'committed'; tookOverFrom?: string }
  | { granted: false; reason: string; retryAt: string };

export type CommitAnswer = { committed: true } | { committed: false; reason: string };

export interface FrequencyCapSettings {
  rules: FrequencyCapRule[];
  updatedAt: Date | null;
}

/**
 * Per-contact frequency caps across all playbooks and channels. A claim is checked and recorded in
 * one transaction, under a lock on the contact's row, so two concurrent claims are decided one after
 * the other (on SQLite, Transactions runs units one at a time anyway); the unique ledger key makes
 * a retried step get its own claim back.
 */
@Injectable()
export class FrequencyCapsService {
  constructor(private readonly transactions: Transactions) {}

  async settings(workspaceId: string): Promise<FrequencyCapSettings> {
    return this.transactions.run(async (manager) => {
      const row = await manager.findOneBy(FrequencyCapSettingsEntity, { workspaceId });
      return { rules: row?.rules ?? [], updatedAt: row?.updatedAt ?? null };
    });
  }

  /** Replaces the workspace's rules; throws a zod error naming the field for a bad rule. */
  async setRules(workspaceId: string, rules: unknown, updatedBy: string | null): Promise<FrequencyCapSettings> {
    const parsed = frequencyCapRulesSchema.parse(rules);
    return this.transactions.run(async (manager) => {
      const row = manager.create(FrequencyCapSettingsEntity, { workspaceId, rules: parsed, updatedAt: new Date(), updatedBy });
      await manager.save(row);
      return { rules: parsed, updatedAt: row.updatedAt };
    });
  }

  claim(request: ClaimRequest): Promise<ClaimAnswer> {
    const contactKey = `${request.contact.kind}:${request.contact.id}`;
    return this.transactions.run(async (manager) => {
      const now = new Date();
      await this.lockContact(manager, request.workspaceId, contactKey, now);
      const existing = await manager.findOneBy(FrequencyCapClaimEntity, { workspaceId: request.workspaceId, ledgerKey: request.key });
      if (existing && existing.state !== 'lost') return { granted: true, state: existing.state };

      const rules = (await manager.findOneBy(FrequencyCapSettingsEntity, { workspaceId: request.workspaceId }))?.rules ?? [];
      const held = await this.heldClaims(manager, request.workspaceId, contactKey, rules, now);
      const decision = decideClaim(rules, held, request, now);
      if (!decision.granted) return { granted: false, reason: decision.reason, retryAt: decision.retryAt.toISOString() };

      for (const victim of decision.takeOver) {
        await manager.update(
          FrequencyCapClaimEntity,
          { id: victim.id, state: 'reserved' },
          { state: 'lost', lostToPlaybookId: request.playbookId, lostToPriority: request.priority },
        );
      }
      const fields = {
        contactKey,
        channel: request.channel,
        playbookId: request.playbookId,
        runId: request.runId,
        priority: request.priority,
        state: 'reserved' as const,
        claimedAt: now,
        committedAt: null,
        lostToPlaybookId: null,
        lostToPriority: null,
      };
      if (existing) {
        // A step whose reservation was taken over claims again (e.g. after waiting): same row, fresh claim.
        await manager.update(FrequencyCapClaimEntity, { id: existing.id }, fields);
      } else {
        await manager.insert(FrequencyCapClaimEntity, { id: randomUUID(), workspaceId: request.workspaceId, ledgerKey: request.key, ...fields });
      }
      const victims = decision.takeOver.map((victim) => victim.id);
      if (victims.length === 0) return { granted: true, state: 'reserved' };
      const first = await manager.findOneByOrFail(FrequencyCapClaimEntity, { id: victims[0] });
      return { granted: true, state: 'reserved', tookOverFrom: first.ledgerKey };
    });
  }

  /**
   * The outreach is about to happen: the reservation counts for good from now on. Refused when a
   * higher-priority playbook took the contact over first (then nothing must be sent).
   */
  commit(workspaceId: string, key: string): Promise<CommitAnswer> {
    return this.transactions.run(async (manager) => {
      const claim = await manager.findOneBy(FrequencyCapClaimEntity, { workspaceId, ledgerKey: key });
      if (!claim) return { committed: false, reason: `no frequency cap claim under ${key}: claim before committing` };
      // Same lock as claims: a takeover and this commit cannot interleave.
      await this.lockContact(manager, workspaceId, claim.contactKey, new Date());
      await manager.update(FrequencyCapClaimEntity, { id: claim.id, state: 'reserved' }, { state: 'committed', committedAt: new Date() });
      const now = await manager.findOneByOrFail(FrequencyCapClaimEntity, { id: claim.id });
      if (now.state === 'committed') return { committed: true };
      return {
        committed: false,
        reason: `frequency cap: the contact was taken over by playbook ${now.lostToPlaybookId} (priority ${now.lostToPriority} > ${now.priority}) before this step sent anything`,
      };
    });
  }

  /** Inserts the contact's lock row if needed and, on PostgreSQL, locks it until the transaction ends. */
  private async lockContact(manager: EntityManager, workspaceId: string, contactKey: string, now: Date): Promise<void> {
    await manager.createQueryBuilder().insert().into(FrequencyCapContactEntity).values({ workspaceId, contactKey, lastClaimAt: now }).orIgnore().execute();
    if (this.transactions.isPostgres) {
      await manager.query('SELECT 1 FROM frequency_cap_contacts WHERE workspace_id = $1 AND contact_key = $2 FOR UPDATE', [workspaceId, contactKey]);
    }
    await manager.update(FrequencyCapContactEntity, { workspaceId, contactKey }, { lastClaimAt: now });
  }

  private async heldClaims(manager: EntityManager, workspaceId: string, contactKey: string, rules: FrequencyCapRule[], now: Date): Promise<HeldClaim[]> {
    if (rules.length === 0) return [];
    const longest = Math.max(...rules.map((rule) => rule.days));
    const rows = await manager.find(FrequencyCapClaimEntity, {
      where: { workspaceId, contactKey, state: In(['reserved', 'committed']), claimedAt: MoreThan(new Date(now.getTime() - longest * DAY_MS)) },
    });
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      playbookId: row.playbookId,
      priority: row.priority,
      state: row.state as HeldClaim['state'],
      claimedAt: row.claimedAt,
    }));
  }
}
