import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { CrmChangeEntity } from './crm-change.entity';
import { CrmChangesService } from './crm-changes.service';

/** CRM changes from connectors → crmChange playbook triggers → enrollments and outbox (in the delivery's transaction). */
@Module({
  imports: [TypeOrmModule.forFeature([CrmChangeEntity]), PlaybooksModule, OutboxModule],
  providers: [CrmChangesService],
  exports: [CrmChangesService],
})
export class CrmChangesModule {}
