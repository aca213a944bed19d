import { Module } from '@nestjs/common';
import { PlaybooksModule } from '../../playbooks/playbooks.module';
import { ScoringModule } from '../../scoring/scoring.module';
import { ChangeImpactService } from './change-impact.service';

/**
 * The impact summary of a proposed change (ChangeImpactService), computed with the backtest
 * machinery over stored history. Used by governance when a change request is submitted. See README.md.
 */
@Module({
  imports: [PlaybooksModule, ScoringModule],
  providers: [ChangeImpactService],
  exports: [ChangeImpactService],
})
export class ImpactModule {}
