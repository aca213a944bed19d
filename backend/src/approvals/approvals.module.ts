import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemporalModule } from '../temporal/temporal.module';
import { ApprovalDecisionEntity } from './approval-decision.entity';
import { ApprovalGatesService } from './approval-gates.service';
import { ApprovalRequestApproverEntity } from './approval-request-approver.entity';
import { ApprovalRequestEntity } from './approval-request.entity';
import { ApprovalsResolver } from './approvals.resolver';
import { ApprovalsService } from './approvals.service';

/** Approval gates of runs: the requests the worker opens and closes, the inbox, and decisions. */
@Module({
  imports: [TypeOrmModule.forFeature([ApprovalRequestEntity, ApprovalRequestApproverEntity, ApprovalDecisionEntity]), TemporalModule],
  providers: [ApprovalGatesService, ApprovalsService, ApprovalsResolver],
  exports: [ApprovalGatesService],
})
export class ApprovalsModule {}
