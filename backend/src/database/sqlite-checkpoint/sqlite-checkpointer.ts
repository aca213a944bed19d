import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRIPLINE_CONFIG } from '../../config/config.module';
import { TriplineConfig } from '../../config/tripline-config';

/** How often the worker copies the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 500;
/** SQLite's own default, restored if the worker ever stops, so the WAL cannot grow without bound. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * SQLite only. In WAL mode a commit normally checkpoints (copies the WAL into the database file and
 * syncs it) every 1,000 pages, inside COMMIT, on the API's one thread: under ingest load that was most
 * of the commit time. The API's connection turns automatic checkpoints off (database.module.ts) and a
 * worker thread with its own connection runs PASSIVE checkpoints instead, on the other core. Durability
 * is unchanged: a commit is in the WAL before the transaction returns, checkpointed or not.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private worker?: Worker;
  private stopping = false;

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.database.kind !== 'sqlite') return;
    const worker = new Worker(path.join(__dirname, 'checkpoint-worker.cjs'), {
      workerData: { file: this.config.database.file, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    worker.unref();
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'failed') this.logger.warn(`WAL checkpoint failed: ${message.message}`);
    });
    worker.on('error', (error) => this.logger.error(`WAL checkpoint worker crashed: ${error.message}`));
    worker.on('exit', () => {
      if (this.stopping) return;
      this.logger.warn('WAL checkpoint worker stopped; SQLite checkpoints automatically again');
      void this.dataSource.query(`PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
    });
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await worker.terminate();
  }
}
