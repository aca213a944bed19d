import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { EnrollmentEntity } from './enrollment.entity';
import { SubjectAggregatesEntity } from './subject-aggregates.entity';
import { TriggersService } from './triggers.service';

/** Triggers of published playbooks evaluated at ingest (event, score, tier, window aggregates, composites) and the enrollments they make. */
@Module({
  imports: [TypeOrmModule.forFeature([EnrollmentEntity, SubjectAggregatesEntity]), PlaybooksModule],
  providers: [TriggersService],
  exports: [TriggersService],
})
export class TriggersModule {}
