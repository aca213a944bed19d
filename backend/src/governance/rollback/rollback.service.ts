import { Injectable } from '@nestjs/common';
import type { ChangeTargetKind } from '@tripline/playbook';
import { AuditLog } from '../../audit/audit-log';
import type { Principal } from '../../auth/principal';
import { Transactions } from '../../database/transactions';
import { badUserInput, forbidden } from '../../graphql/errors';
import { ChangeTargets, targetNoun } from '../change-requests/change-targets';
import { ApprovalPolicies } from '../policy/approval-policies';
import { FireRates } from './fire-rates';
import { judgeRollback, type FireRateFigures } from './rollback-criterion';

/** What rollbackNow did. */
export interface ImmediateRollback {
  targetKind: ChangeTargetKind;
  targetId: string;
  /** The new version (version K's document published again). */
  publishedVersion: number;
  rolledBackTo: number;
  explanation: string;
  figures: FireRateFigures & { counted: string };
}

/**
 * An admin's rollback without approvals — only when the policy's rollback criterion holds for the
 * current version (its fire rate more than `fireRateIncreaseAbove` × the previous version's, with at
 * least `minFires` fires); otherwise FORBIDDEN with the figures, and the rollback goes through a
 * change request like any change. Publishes version K's document as the next version, audited
 * 'rollback.immediate' with the figures.
 */
@Injectable()
export class RollbackService {
  constructor(
    private readonly transactions: Transactions,
    private readonly targets: ChangeTargets,
    private readonly policies: ApprovalPolicies,
    private readonly fireRates: FireRates,
    private readonly audit: AuditLog,
  ) {}

  async rollbackNow(principal: Principal, input: { targetKind: ChangeTargetKind; targetId: string; toVersion?: number | null }): Promise<ImmediateRollback> {
    const { workspaceId } = principal;
    const target = await this.targets.load(workspaceId, input.targetKind, input.targetId);
    const noun = targetNoun(target.kind).toLowerCase();
    const current = target.publishedVersion;
    if (current === null || current < 2) throw badUserInput(`input.targetId: ${noun} "${target.name}" has no earlier version to roll back to`);
    const to = input.toVersion ?? current - 1;
    if (!Number.isInteger(to) || to < 1 || to >= current) {
      throw badUserInput(`input.toVersion: must be an earlier version than the current ${current} (1–${current - 1}), got ${to}`);
    }
    const document = await this.targets.versionDocument(workspaceId, target.kind, target.id, to);
    if (!document) throw badUserInput(`input.toVersion: version ${to} does not exist`);

    const { policy } = await this.policies.effective(workspaceId);
    const fires = await this.fireRates.of(workspaceId, target);
    const verdict = judgeRollback(fires.current, fires.previous, policy.rollbackCriteria);
    if (!verdict.met) {
      throw forbidden(`Rolling back without approval needs the policy's rollback criterion, which is not met: ${verdict.explanation}. Submit a rollback change request instead`);
    }
    const figures = { ...verdict.figures, counted: fires.counted };
    const publishedVersion = await this.transactions.run(
      async (manager) => {
        const now = await this.targets.currentVersionIn(manager, workspaceId, target.kind, target.id);
        if (now !== current) throw badUserInput(`${targetNoun(target.kind)} "${target.name}" was published (version ${now}) a moment ago: look at it again before rolling back`);
        const version = await this.targets.publishIn(manager, workspaceId, target.kind, target.id, { ...document, version: current + 1 }, principal.userId);
        await this.audit.append(manager, {
          workspaceId,
          actor: { userId: principal.userId },
          action: 'rollback.immediate',
          target: { kind: target.kind, id: target.id },
          details: { from: current, to, version, criterion: verdict.explanation, figures },
        });
        return version;
      },
      { lockKey: `change-target:${workspaceId}:${target.id}` },
    );
    this.targets.invalidate(workspaceId, target.kind);
    return { targetKind: target.kind, targetId: target.id, publishedVersion, rolledBackTo: to, explanation: verdict.explanation, figures };
  }
}
