import * as fs from 'node:fs';
import * as path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { ALL_MIGRATIONS } from './migrations';
import { SqliteCheckpointer } from './sqlite-checkpoint/sqlite-checkpointer';
import { Transactions } from './transactions';

export function typeOrmOptionsFor(config: TriplineConfig): TypeOrmModuleOptions {
  const common = {
    autoLoadEntities: true,
    synchronize: false,
    migrations: ALL_MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
  };
  if (config.database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: config.database.url };
  }
  fs.mkdirSync(path.dirname(config.database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.file,
    // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a lock.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Checkpoints run on a worker thread instead of inside COMMIT (sqlite-checkpoint/sqlite-checkpointer.ts).
      db.pragma('wal_autocheckpoint = 0');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

@Global()
@Module({
  providers: [Transactions, SqliteCheckpointer],
  exports: [Transactions],
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [TRIPLINE_CONFIG],
      useFactory: (config: TriplineConfig) => typeOrmOptionsFor(config),
    }),
  ],
})
export class DatabaseModule {}
