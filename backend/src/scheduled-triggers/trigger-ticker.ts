import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TRIPLINE_CONFIG } from '../config/config.module';
import { TriplineConfig } from '../config/tripline-config';
import { ScheduledTriggersService } from './scheduled-triggers.service';

/**
 * Runs a trigger tick every TRIPLINE_TRIGGER_TICK_MS in the API process: once right after start (a
 * restart catches up on the window it missed), then on the interval. A tick still running when the
 * next is due is not doubled; the stored windows make a late tick cover the gap.
 */
@Injectable()
export class TriggerTicker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TriggerTicker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly service: ScheduledTriggersService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.triggerTickMs);
    this.timer.unref();
    setImmediate(() => this.tick());
  }

  /** Stops before the database closes (its hook runs after this one), letting a running tick finish. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.service
      .runTick(new Date())
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => (this.running = undefined));
  }
}
