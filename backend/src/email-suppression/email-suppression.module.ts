import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailSuppressionEntity } from './email-suppression.entity';
import { EmailSuppressionsResolver } from './email-suppressions.resolver';
import { EmailSuppressionsService } from './email-suppressions.service';
import { InternalSuppressionsController } from './internal-suppressions.controller';

/** The per-workspace email suppression list: GraphQL for people, `/internal/suppressions` for the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([EmailSuppressionEntity])],
  controllers: [InternalSuppressionsController],
  providers: [EmailSuppressionsService, EmailSuppressionsResolver],
  exports: [EmailSuppressionsService],
})
export class EmailSuppressionModule {}
