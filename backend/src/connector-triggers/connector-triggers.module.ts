import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionsModule } from '../connections/connections.module';
import { CrmChangesModule } from '../crm-changes/crm-changes.module';
import { IngestModule } from '../ingest/ingest.module';
import { TemporalModule } from '../temporal/temporal.module';
import { ConnectorTriggerSubscriptionEntity } from './connector-trigger-subscription.entity';
import { ConnectorTriggersResolver } from './connector-triggers.resolver';
import { ConnectorTriggersService } from './connector-triggers.service';
import { PollSchedules } from './poll-schedules';
import { TriggerDeliveryService } from './trigger-delivery.service';
import { TriggerItemsController } from './trigger-items.controller';

/** Connector triggers: subscriptions, poll schedules on Temporal, and delivery of what triggers bring in. */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectorTriggerSubscriptionEntity]), ConnectionsModule, CrmChangesModule, IngestModule, TemporalModule],
  providers: [ConnectorTriggersService, TriggerDeliveryService, PollSchedules, ConnectorTriggersResolver],
  controllers: [TriggerItemsController],
  exports: [TriggerDeliveryService, ConnectorTriggersService],
})
export class ConnectorTriggersModule {}
