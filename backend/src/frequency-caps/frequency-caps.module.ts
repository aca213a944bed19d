import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrequencyCapClaimEntity } from './frequency-cap-claim.entity';
import { FrequencyCapContactEntity } from './frequency-cap-contact.entity';
import { FrequencyCapSettingsEntity } from './frequency-cap-settings.entity';
import { FrequencyCapsResolver } from './frequency-caps.resolver';
import { FrequencyCapsService } from './frequency-caps.service';

/** Per-contact frequency caps: settings (GraphQL) and the claims outreach steps make (worker API). */
@Module({
  imports: [TypeOrmModule.forFeature([FrequencyCapSettingsEntity, FrequencyCapClaimEntity, FrequencyCapContactEntity])],
  providers: [FrequencyCapsService, FrequencyCapsResolver],
  exports: [FrequencyCapsService],
})
export class FrequencyCapsModule {}
