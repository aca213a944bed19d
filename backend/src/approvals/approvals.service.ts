import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAX_APPROVAL_COMMENT_LENGTH } from '@tripline/playbook';
import { GraphQLError } from 'graphql';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { UserEntity } from '../auth/user.entity';
import { badUserInput, forbidden, notFound } from '../graphql/errors';
import { RunEntity } from '../runs/run.entity';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { ApprovalRequestApproverEntity } from './approval-request-approver.entity';
import { ApprovalRequestEntity } from './approval-request.entity';
import { toApprovalRequestModel } from './approval-view';
import { deliverDecision, type DeliveryResult } from './deliver-decision';
import { DEFAULT_APPROVALS_PER_PAGE, MAX_APPROVALS_PER_PAGE, type ApprovalRequestFilter } from './dto/approval-requests.filter';
import { DecideApprovalInput } from './dto/decide-approval.input';
import { ApprovalRequestModel } from './models/approval-request.model';

/**
 * The approval inbox. Admins see every request of the workspace; everyone else the requests they
 * may decide now (they are among the current approvers). Deciding goes to the run's workflow, whose
 * validator decides who may; the workflow closes the row, and the mutation reads it back.
 */
@Injectable()
export class ApprovalsService {
  private readonly logger = new Logger('Approvals');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async list(principal: Principal, filter: ApprovalRequestFilter = {}): Promise<ApprovalRequestModel[]> {
    const first = filter.first ?? DEFAULT_APPROVALS_PER_PAGE;
    if (first < 1 || first > MAX_APPROVALS_PER_PAGE) {
      throw badUserInput(`first must be between 1 and ${MAX_APPROVALS_PER_PAGE} (got ${first})`, { field: 'first' });
    }
    const query = this.dataSource
      .getRepository(ApprovalRequestEntity)
      .createQueryBuilder('r')
      .where('r.workspaceId = :workspaceId', { workspaceId: principal.workspaceId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (principal.role !== 'admin') {
      query.innerJoin(ApprovalRequestApproverEntity, 'a', 'a.requestId = r.id AND a.userId = :userId', { userId: principal.userId });
    }
    if (filter.after) {
      const cursor = await this.dataSource.getRepository(ApprovalRequestEntity).findOneBy({ workspaceId: principal.workspaceId, id: filter.after });
      if (!cursor) throw badUserInput(`after: no approval request ${filter.after} in your workspace`, { field: 'after' });
      query.andWhere('(r.createdAt < :createdAt OR (r.createdAt = :createdAt AND r.id < :id))', { createdAt: cursor.createdAt, id: cursor.id });
    }
    const rows = await query.orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').take(first).getMany();
    return this.models(principal, rows);
  }

  async decide(principal: Principal, input: DecideApprovalInput): Promise<ApprovalRequestModel> {
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > MAX_APPROVAL_COMMENT_LENGTH) {
      throw badUserInput(`input.comment must be at most ${MAX_APPROVAL_COMMENT_LENGTH} characters (got ${comment.length})`, { field: 'input.comment' });
    }
    const row = await this.find(principal, input.id);
    if (row.status !== 'pending') throw alreadyDecided(row);
    const run = await this.dataSource.getRepository(RunEntity).findOneByOrFail({ workspaceId: row.workspaceId, id: row.runId });

    const result = await this.deliver(run.workflowId, { requestId: row.id, decidedBy: principal.userId, decision: input.decision, comment });
    if (!result.delivered) {
      if (result.refusal === 'forbidden') throw forbidden(result.message);
      const now = await this.find(principal, row.id);
      if (now.status !== 'pending') throw alreadyDecided(now);
      if (result.refusal === 'runGone') throw badUserInput('The run of this approval request is no longer running: nothing can be decided');
      throw badUserInput(result.message);
    }
    const [model] = await this.models(principal, [await this.find(principal, row.id)]);
    return model!;
  }

  private async deliver(workflowId: string, request: Parameters<typeof deliverDecision>[2]): Promise<DeliveryResult> {
    let client;
    try {
      client = await this.temporal.getClient();
    } catch (error) {
      this.logger.warn(`Cannot deliver an approval decision: ${(error as Error).message}`);
      throw unavailable();
    }
    try {
      return await deliverDecision(client, workflowId, request);
    } catch (error) {
      this.logger.warn(`Delivering an approval decision to ${workflowId} failed: ${(error as Error).message}`);
      await this.temporal.reset();
      throw unavailable();
    }
  }

  private async find(principal: Principal, id: string): Promise<ApprovalRequestEntity> {
    const row = await this.dataSource.getRepository(ApprovalRequestEntity).findOneBy({ workspaceId: principal.workspaceId, id });
    if (!row) throw notFound(`Approval request ${id}`);
    return row;
  }

  private async models(principal: Principal, rows: ApprovalRequestEntity[]): Promise<ApprovalRequestModel[]> {
    if (rows.length === 0) return [];
    const approvers = await this.dataSource
      .getRepository(ApprovalRequestApproverEntity)
      .find({ where: { workspaceId: principal.workspaceId, requestId: In(rows.map((row) => row.id)) } });
    const userIds = new Set([...approvers.map((each) => each.userId), ...rows.flatMap((row) => [row.requesterId, row.decidedBy])]);
    userIds.delete(null as never);
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { id: In([...userIds].filter(Boolean) as string[]) } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return rows.map((row) =>
      toApprovalRequestModel(
        row,
        approvers.filter((each) => each.requestId === row.id).map((each) => each.userId).sort(),
        byId,
        principal.userId,
      ),
    );
  }
}

function alreadyDecided(row: ApprovalRequestEntity): GraphQLError {
  const by = row.decidedBy === 'system' ? `by the system (${row.closeReason})` : 'by an approver';
  return badUserInput(`This approval request has already been decided: ${row.status} ${by}`);
}

function unavailable(): GraphQLError {
  return new GraphQLError('Temporal cannot be reached right now, so the decision was not delivered: try again', {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
}
