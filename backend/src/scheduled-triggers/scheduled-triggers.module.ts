import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { ScoringModule } from '../scoring/scoring.module';
import { ScheduledTriggersService } from './scheduled-triggers.service';
import { TriggerTickEntity } from './trigger-tick.entity';
import { TriggerTicker } from './trigger-ticker';

/** Tick-time triggers (inactivity, schedule, relative dates) of published playbooks, enrolling through the outbox. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([TriggerTickEntity]), PlaybooksModule, ScoringModule, OutboxModule],
  providers: [ScheduledTriggersService, TriggerTicker],
  exports: [ScheduledTriggersService],
})
export class ScheduledTriggersModule {}
