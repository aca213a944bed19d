import { Module } from '@nestjs/common';
import { TemporalClientProvider } from './temporal-client.provider';

/** The API's lazily connected Temporal client (used by the outbox dispatcher). */
@Module({
  providers: [TemporalClientProvider],
  exports: [TemporalClientProvider],
})
export class TemporalModule {}
