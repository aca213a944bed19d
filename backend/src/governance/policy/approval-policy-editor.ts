import { Inject, Injectable } from '@nestjs/common';
import { parseApprovalPolicy, type ApprovalPolicy } from '@tripline/playbook';
import { EntityManager, In } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { MembershipEntity } from '../../auth/membership.entity';
import type { Principal } from '../../auth/principal';
import { TRIPLINE_CONFIG } from '../../config/config.module';
import { TriplineConfig } from '../../config/tripline-config';
import { Transactions } from '../../database/transactions';
import { badUserInput, forbidden } from '../../graphql/errors';
import { hasOpenChangeRequest } from '../open-change-requests';
import { ApprovalPolicies, type EffectivePolicy } from './approval-policies';
import { ApprovalPolicyEntity } from './approval-policy.entity';

export const POLICY_TAMPERING_REFUSAL =
  'You have a pending change request: you cannot edit the approval policy until it is decided or recalled (otherwise you could choose who approves your own change)';

/**
 * Stores a workspace's approval policy (admins): parsed with parseApprovalPolicy (BAD_USER_INPUT
 * listing every problem), every listed user a member, refused while the admin has a pending change
 * request of their own, audited with the old and the new policy.
 */
@Injectable()
export class ApprovalPolicyEditor {
  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly transactions: Transactions,
    private readonly policies: ApprovalPolicies,
    private readonly audit: AuditLog,
  ) {}

  async update(principal: Principal, json: unknown): Promise<EffectivePolicy> {
    const parsed = parseApprovalPolicy(json);
    if (!parsed.ok) {
      const count = parsed.problems.length;
      throw badUserInput(`policy: ${count} problem${count === 1 ? '' : 's'}: ${parsed.problems.slice(0, 10).join('; ')}${count > 10 ? '; …' : ''}`, {
        problems: parsed.problems,
      });
    }
    const policy = parsed.policy;
    const { workspaceId } = principal;
    await this.transactions.run(
      async (manager) => {
        if (await hasOpenChangeRequest(manager, workspaceId, principal.userId)) throw forbidden(POLICY_TAMPERING_REFUSAL);
        await refuseNonMembers(manager, workspaceId, policy);
        const before = await this.policies.effective(workspaceId, manager);
        const now = new Date();
        const row: ApprovalPolicyEntity = { workspaceId, policy, updatedBy: principal.userId, updatedAt: now, version: before.version + 1 };
        if (before.isDefault) await manager.insert(ApprovalPolicyEntity, row as never);
        else await manager.update(ApprovalPolicyEntity, { workspaceId }, row as never);
        await this.audit.append(manager, {
          workspaceId,
          actor: { userId: principal.userId },
          action: 'approvalPolicy.updated',
          target: { kind: 'approvalPolicy', id: workspaceId },
          details: {
            version: row.version,
            from: before.isDefault ? { builtIn: this.config.defaultApprovalPolicy, policy: before.policy } : { version: before.version, policy: before.policy },
            to: policy,
          },
        });
      },
      { lockKey: `approval-policy:${workspaceId}` },
    );
    return this.policies.effective(workspaceId);
  }
}

/** Every user a policy lists (as approver or escalation) must be a member of the workspace. */
async function refuseNonMembers(manager: EntityManager, workspaceId: string, policy: ApprovalPolicy): Promise<void> {
  const listed: { path: string; userId: string }[] = [];
  policy.levels.forEach((level, i) => {
    (level.approvers.users ?? []).forEach((userId, j) => listed.push({ path: `levels.${i}.approvers.users.${j}`, userId }));
    (level.escalateTo?.users ?? []).forEach((userId, j) => listed.push({ path: `levels.${i}.escalateTo.users.${j}`, userId }));
  });
  if (listed.length === 0) return;
  const members = new Set(
    (await manager.find(MembershipEntity, { where: { workspaceId, userId: In([...new Set(listed.map((each) => each.userId))]) } })).map((m) => m.userId),
  );
  const problems = listed.filter((each) => !members.has(each.userId)).map((each) => `${each.path}: user ${each.userId} is not a member of this workspace`);
  if (problems.length > 0) throw badUserInput(`policy: ${problems.join('; ')}`, { problems });
}
