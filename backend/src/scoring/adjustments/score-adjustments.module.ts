import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring.module';
import { ScoreAdjustmentsService } from './score-adjustments.service';

/** Score steps of playbook runs (through the worker API): manual contributions to live scores. */
@Module({
  imports: [ScoringModule],
  providers: [ScoreAdjustmentsService],
  exports: [ScoreAdjustmentsService],
})
export class ScoreAdjustmentsModule {}
