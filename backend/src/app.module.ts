import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BacktestModule } from './backtest/backtest.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { ConfigModule } from './config/config.module';
import { TriplineConfig } from './config/tripline-config';
import { ConnectionsModule } from './connections/connections.module';
import { ConnectorTriggersModule } from './connector-triggers/connector-triggers.module';
import { ConnectorRegistryModule } from './connectors-registry';
import { CrmChangesModule } from './crm-changes/crm-changes.module';
import { DatabaseModule } from './database/database.module';
import { DataQualityModule } from './data-quality/data-quality.module';
import { EmailSuppressionModule } from './email-suppression/email-suppression.module';
import { FrequencyCapsModule } from './frequency-caps/frequency-caps.module';
import { ImpactModule } from './governance/impact/impact.module';
import { GovernanceModule } from './governance/governance.module';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { IngestModule } from './ingest/ingest.module';
import { LedgerModule } from './ledger/ledger.module';
import { MembersModule } from './members/members.module';
import { OutboxModule } from './outbox/outbox.module';
import { PlaybooksModule } from './playbooks/playbooks.module';
import { RunOperationsModule } from './run-operations/run-operations.module';
import { RunsModule } from './runs/runs.module';
import { ScheduledTriggersModule } from './scheduled-triggers/scheduled-triggers.module';
import { ScoringModule } from './scoring/scoring.module';
import { TemporalModule } from './temporal/temporal.module';
import { TriggersModule } from './triggers/triggers.module';
import { UnsubscribeModule } from './unsubscribe/unsubscribe.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkerApiModule } from './worker-api/worker-api.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  static forRoot(config: TriplineConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        HealthModule,
        WorkspacesModule,
        AuthModule,
        MembersModule,
        BootstrapModule,
        GraphqlApiModule,
        PlaybooksModule,
        RunsModule,
        RunOperationsModule,
        WorkerApiModule,
        ConnectionsModule,
        LedgerModule,
        TemporalModule,
        IdentityModule,
        IngestModule,
        TriggersModule,
        OutboxModule,
        DataQualityModule,
        ScoringModule,
        BacktestModule,
        ImpactModule,
        GovernanceModule,
        ScheduledTriggersModule,
        ApprovalsModule,
        FrequencyCapsModule,
        ConnectorRegistryModule,
        CrmChangesModule,
        ConnectorTriggersModule,
        WebhooksModule,
        EmailSuppressionModule,
        UnsubscribeModule,
      ],
    };
  }
}
