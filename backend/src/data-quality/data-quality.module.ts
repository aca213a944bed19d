import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataQualityResolver } from './data-quality.resolver';
import { DataQualityService } from './data-quality.service';
import { SourceQualityDayEntity } from './source-quality-day.entity';

/**
 * Data quality per source, measured at ingest (`recordSourceQuality`, called in the ingest
 * transaction) and reported through GraphQL (`dataQuality`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([SourceQualityDayEntity])],
  providers: [DataQualityService, DataQualityResolver],
  exports: [DataQualityService],
})
export class DataQualityModule {}
