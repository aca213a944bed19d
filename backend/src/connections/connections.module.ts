import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BootstrapModule } from '../bootstrap/bootstrap.module';
import { CryptoModule } from '../crypto/crypto.module';
import { ConnectionEntity } from './connection.entity';
import { ConnectionsResolver } from './connections.resolver';
import { ConnectionsService } from './connections.service';
import { ConnectorCatalogueResolver } from './connector-catalogue.resolver';
import { DefaultEmailConnectionSeeder } from './default-email-connection.seeder';

/** Connector credentials per workspace, encrypted at rest; decrypted only for the worker API. */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectionEntity]), CryptoModule, BootstrapModule],
  providers: [ConnectionsService, ConnectionsResolver, ConnectorCatalogueResolver, DefaultEmailConnectionSeeder],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
