import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers (Temporal may be down: the outbox holds firings until it is back). */
  @Get('readyz')
  async readyz() {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ready', database: 'ok' };
    } catch (error) {
      throw new HttpException({ status: 'not ready', database: (error as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
