import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { BootstrapModule } from '../bootstrap/bootstrap.module';
import { ApprovalPolicyModule } from '../governance/policy/approval-policy.module';
import { DefaultScoringModelsSeeder } from './default-scoring-models.seeder';
import { LiveScoringService } from './live/live-scoring.service';
import { ProfilesResolver, SubjectScoreResolver } from './profile/profiles.resolver';
import { ProfilesService } from './profile/profiles.service';
import { PublishedScoringModelsService } from './published-scoring-models.service';
import { ScoreHistoryEntity } from './score-history.entity';
import { ScoreStateEntity } from './score-state.entity';
import { ScoringModelVersionEntity } from './scoring-model-version.entity';
import { ScoringModelVersionResolver } from './scoring-model-version.resolver';
import { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsResolver } from './scoring-models.resolver';
import { ScoringModelsService } from './scoring-models.service';

/**
 * Scoring models (drafts, validation, versions), live scores updated in the ingest transaction
 * (LiveScoringService), and the profile / ranking reads. See README.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScoringModelEntity, ScoringModelVersionEntity, ScoreStateEntity, ScoreHistoryEntity]), AuthModule, BootstrapModule, ApprovalPolicyModule],
  providers: [
    ScoringModelsService,
    PublishedScoringModelsService,
    ScoringModelsResolver,
    ScoringModelVersionResolver,
    LiveScoringService,
    ProfilesService,
    ProfilesResolver,
    SubjectScoreResolver,
    DefaultScoringModelsSeeder,
  ],
  exports: [LiveScoringService, PublishedScoringModelsService, ScoringModelsService],
})
export class ScoringModule {}
