import { Module } from '@nestjs/common';

// Filled in by the feature's owner.
@Module({})
export class IngestModule {}
