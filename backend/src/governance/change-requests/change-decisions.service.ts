import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { AuditEntryInput } from '../../audit/audit-entry-input';
import type { Principal } from '../../auth/principal';
import { Transactions } from '../../database/transactions';
import { badUserInput, forbidden } from '../../graphql/errors';
import { ChangeCompletion } from './change-completion';
import { approvalsAt } from './change-request-views';
import { ChangeRequestDecisionEntity } from './change-request-decision.entity';
import { ChangeRequestEntity } from './change-request.entity';
import { ChangeRequestsService, requestLockKey } from './change-requests.service';
import { ChangeTargets } from './change-targets';
import { signalClosed, signalLevelAdvanced } from './change-workflow-signals';
import { decisionOutcome } from './decision-outcome';
import { DecideChangeRequestInput } from './dto/decide-change-request.input';
import { MAX_COMMENT_LENGTH } from './dto/submit-change-request.input';
import { describeApprovers, isEligibleApprover } from './level-eligibility';

export const OWN_REQUEST_REFUSAL = 'You requested this change; someone else must approve it';

/**
 * Approve / reject the current level of a pending request, in ONE transaction (PostgreSQL: the
 * request row is locked, so concurrent decisions are counted one after the other): the rules — never
 * the requester, only eligible approvers of the current level, once per level and attempt — then the
 * append-only decision row, then the transition it causes: rejected, the next level open, or (at the
 * last level) the change published atomically (or superseded). Each step is audited and signalled
 * to the request's workflow through the outbox.
 */
@Injectable()
export class ChangeDecisions {
  constructor(
    private readonly transactions: Transactions,
    private readonly requests: ChangeRequestsService,
    private readonly completion: ChangeCompletion,
    private readonly targets: ChangeTargets,
  ) {}

  async decide(principal: Principal, input: DecideChangeRequestInput): Promise<ChangeRequestEntity> {
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > MAX_COMMENT_LENGTH) {
      throw badUserInput(`input.comment: must be at most ${MAX_COMMENT_LENGTH} characters (got ${comment.length})`, { field: 'input.comment' });
    }
    const request = await this.transactions.run(
      async (manager) => {
        const request = await this.requests.lock(manager, principal.workspaceId, input.id);
        if (request.status !== 'pending') throw badUserInput(`This change request is ${request.status}: there is nothing to decide`);
        if (input.attempt !== undefined && input.attempt !== null && input.attempt !== request.attempt) {
          throw badUserInput(
            `This change request was resubmitted since you reviewed it (you decided on attempt ${input.attempt}; it is now attempt ${request.attempt}): review the new proposal and decide again`,
          );
        }
        if (principal.userId === request.requestedBy) throw forbidden(OWN_REQUEST_REFUSAL);
        const levelIndex = request.currentLevel;
        const level = request.levels[levelIndex]!;
        const escalated = request.escalatedLevels.includes(levelIndex);
        if (!isEligibleApprover(level, escalated, { userId: principal.userId, role: principal.role })) {
          throw forbidden(`You are not an approver of level "${level.name}": it needs ${describeApprovers(level, escalated)}`);
        }
        const decisions = await manager.find(ChangeRequestDecisionEntity, { where: { requestId: request.id, attempt: request.attempt, level: levelIndex } });
        if (decisions.some((d) => d.decidedBy === principal.userId)) {
          throw badUserInput(`You have already decided level "${level.name}" of this change request`);
        }
        const now = new Date();
        const decision: ChangeRequestDecisionEntity = {
          id: randomUUID(),
          requestId: request.id,
          workspaceId: request.workspaceId,
          attempt: request.attempt,
          level: levelIndex,
          decidedBy: principal.userId,
          decision: input.decision,
          comment,
          at: now,
        };
        await insertDecision(manager, decision);
        const approvals = approvalsAt([...decisions, decision], request.attempt, levelIndex).size;
        const outcome = decisionOutcome(input.decision, levelIndex, request.levels.length, approvals, level.required);
        const actor = { userId: principal.userId };
        const target = { kind: 'changeRequest', id: request.id };
        const entries: AuditEntryInput[] = [
          {
            workspaceId: request.workspaceId,
            actor,
            action: 'changeRequest.decided',
            target,
            details: { attempt: request.attempt, level: levelIndex, levelName: level.name, decision: input.decision, comment, approvals, required: level.required },
          },
        ];
        switch (outcome.kind) {
          case 'waiting':
            break;
          case 'rejected':
            request.status = 'rejected';
            request.decidedAt = now;
            request.updatedAt = now;
            request.closedReason = `Rejected at level "${level.name}"${comment ? `: ${comment}` : ''}`;
            await manager.update(ChangeRequestEntity, { id: request.id }, { status: 'rejected', decidedAt: now, updatedAt: now, closedReason: request.closedReason });
            await signalClosed(manager, request);
            entries.push({ workspaceId: request.workspaceId, actor, action: 'changeRequest.rejected', target, details: { attempt: request.attempt, level: levelIndex } });
            break;
          case 'nextLevel':
            request.currentLevel = outcome.level;
            request.updatedAt = now;
            await manager.update(ChangeRequestEntity, { id: request.id }, { currentLevel: outcome.level, updatedAt: now });
            await signalLevelAdvanced(manager, request);
            entries.push({
              workspaceId: request.workspaceId,
              actor,
              action: 'changeRequest.levelApproved',
              target,
              details: { attempt: request.attempt, level: levelIndex, levelName: level.name, next: outcome.level, nextName: request.levels[outcome.level]!.name },
            });
            break;
          case 'complete':
            entries.push(...(await this.completion.completeIn(manager, request, actor)));
            await signalClosed(manager, request);
            break;
        }
        await this.requests.appendAll(manager, entries);
        return request;
      },
      { lockKey: requestLockKey(input.id) },
    );
    if (request.status === 'published') this.targets.invalidate(request.workspaceId, request.targetKind);
    return request;
  }
}

/** The unique (request, attempt, level, decided_by) index is the last word on "once per level". */
async function insertDecision(manager: import('typeorm').EntityManager, decision: ChangeRequestDecisionEntity): Promise<void> {
  try {
    await manager.insert(ChangeRequestDecisionEntity, decision);
  } catch (error) {
    if (error instanceof QueryFailedError && /unique|constraint/i.test(error.message)) {
      throw badUserInput('You have already decided this level of this change request');
    }
    throw error;
  }
}
