import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { ScoringModule } from '../scoring/scoring.module';
import { ChangeCompletion } from './change-requests/change-completion';
import { ChangeDecisions } from './change-requests/change-decisions.service';
import { ChangeProposals } from './change-requests/change-proposals';
import { ChangeRequestDecisionEntity } from './change-requests/change-request-decision.entity';
import { ChangeRequestViews } from './change-requests/change-request-views';
import { ChangeRequestEntity } from './change-requests/change-request.entity';
import { ChangeRequestsResolver } from './change-requests/change-requests.resolver';
import { ChangeRequestsService } from './change-requests/change-requests.service';
import { ChangeTargets } from './change-requests/change-targets';
import { ImpactModule } from './impact/impact.module';
import { ChangeLevelTimeouts } from './internal/change-level-timeouts';
import { InternalChangeRequestsController } from './internal/internal-change-requests.controller';
import { ChangeRequestLinks } from './links/change-request-links';
import { ChangeRequestLinkOpener } from './links/open-change-request-link';
import { ChangeNotifications } from './notifications/change-notifications.service';
import { ApprovalPolicyEditor } from './policy/approval-policy-editor';
import { ApprovalPolicyModule } from './policy/approval-policy.module';
import { ApprovalPolicyResolver } from './policy/approval-policy.resolver';
import { FireRates } from './rollback/fire-rates';
import { RollbackResolver } from './rollback/rollback.resolver';
import { RollbackService } from './rollback/rollback.service';

/**
 * Governance (README.md in this folder): approval policies, change requests and their decisions,
 * atomic publish on the last approval, rollbacks, signed approval links, and the internal API the
 * changeApproval workflow calls.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ChangeRequestEntity, ChangeRequestDecisionEntity]), ApprovalPolicyModule, PlaybooksModule, ScoringModule, ImpactModule],
  providers: [
    ApprovalPolicyEditor,
    ApprovalPolicyResolver,
    ChangeTargets,
    ChangeProposals,
    ChangeCompletion,
    ChangeRequestsService,
    ChangeDecisions,
    ChangeRequestViews,
    ChangeRequestsResolver,
    ChangeRequestLinks,
    ChangeRequestLinkOpener,
    FireRates,
    RollbackService,
    RollbackResolver,
    ChangeNotifications,
    ChangeLevelTimeouts,
  ],
  controllers: [InternalChangeRequestsController],
  exports: [ChangeRequestLinks],
})
export class GovernanceModule {}
