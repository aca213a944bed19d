import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TRIPLINE_CONFIG } from '../config/config.module';
import type { TriplineConfig } from '../config/tripline-config';
import { AuditChainHeadEntity } from './audit-chain-head.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditKeyring } from './audit-keys';
import { AuditLog } from './audit-log';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditReader } from './audit-reader';
import { AuditVerifier } from './audit-verifier';

/**
 * The tamper-evident audit log (README.md in this folder). Global: any feature injects `AuditLog`
 * and appends inside its own transaction.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditChainHeadEntity])],
  providers: [
    AuditLog,
    { provide: AuditReader, inject: [DataSource], useFactory: (dataSource: DataSource) => new AuditReader(dataSource) },
    {
      provide: AuditVerifier,
      inject: [DataSource, TRIPLINE_CONFIG],
      useFactory: (dataSource: DataSource, config: TriplineConfig) => new AuditVerifier(dataSource, AuditKeyring.fromConfig(config)),
    },
    AuditLogResolver,
  ],
  exports: [AuditLog, AuditVerifier, AuditReader],
})
export class AuditModule {}
