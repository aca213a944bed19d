import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ApprovalPolicyModule } from '../governance/policy/approval-policy.module';
import { ScoringModule } from '../scoring/scoring.module';
import { PlaybookVersionEntity } from './playbook-version.entity';
import { PlaybookVersionResolver } from './playbook-version.resolver';
import { PlaybookEntity } from './playbook.entity';
import { PlaybooksResolver } from './playbooks.resolver';
import { PlaybooksService } from './playbooks.service';
import { PublishedPlaybooksService } from './published-playbooks.service';
import { PlaybookActivityResolver } from './activity/playbook-activity.resolver';
import { PlaybookActivityService } from './activity/playbook-activity.service';

@Module({
  imports: [TypeOrmModule.forFeature([PlaybookEntity, PlaybookVersionEntity]), AuthModule, ApprovalPolicyModule, ScoringModule],
  providers: [PlaybooksService, PublishedPlaybooksService, PlaybooksResolver, PlaybookVersionResolver, PlaybookActivityService, PlaybookActivityResolver],
  exports: [PlaybooksService, PublishedPlaybooksService],
})
export class PlaybooksModule {}
