import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { EnrollmentEntity } from './enrollment.entity';
import { TriggersService } from './triggers.service';

/** Event triggers of published playbooks and the enrollments they make. */
@Module({
  imports: [TypeOrmModule.forFeature([EnrollmentEntity]), PlaybooksModule],
  providers: [TriggersService],
  exports: [TriggersService],
})
export class TriggersModule {}
