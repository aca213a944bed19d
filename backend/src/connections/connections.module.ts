import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BootstrapModule } from '../bootstrap/bootstrap.module';
import { CryptoModule } from '../crypto/crypto.module';
import { ConnectionBudgetsService } from './budget/connection-budgets.service';
import { ConnectionCallCountsService } from './budget/connection-call-counts.service';
import { VendorQuotaController } from './budget/vendor-quota.controller';
import { ConnectionVendorQuotaEntity } from './budget/vendor-quota.entity';
import { VendorQuotasService } from './budget/vendor-quotas.service';
import { ConnectionBudgetsResolver } from './connection-budgets.resolver';
import { ConnectionEntity } from './connection.entity';
import { ConnectionsResolver } from './connections.resolver';
import { ConnectionsService } from './connections.service';
import { ConnectorCatalogueResolver } from './connector-catalogue.resolver';
import { DefaultEmailConnectionSeeder } from './default-email-connection.seeder';

/** Connector credentials per workspace, encrypted at rest; decrypted only for the worker API. */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectionEntity, ConnectionVendorQuotaEntity]), CryptoModule, BootstrapModule],
  controllers: [VendorQuotaController],
  providers: [
    ConnectionsService,
    ConnectionsResolver,
    ConnectorCatalogueResolver,
    DefaultEmailConnectionSeeder,
    VendorQuotasService,
    ConnectionCallCountsService,
    ConnectionBudgetsService,
    ConnectionBudgetsResolver,
  ],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
