import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { ConnectorTriggersModule } from '../connector-triggers/connector-triggers.module';
import { WebhookRoutes } from './webhook.routes';
import { WebhooksService } from './webhooks.service';

/** The public webhook endpoint of connector triggers (POST /v1/webhooks/:connectionId/:trigger). */
@Module({
  imports: [ConnectionsModule, ConnectorTriggersModule],
  providers: [WebhooksService, WebhookRoutes],
})
export class WebhooksModule {}
