import { Module } from '@nestjs/common';
import { SecretBox } from './secret-box';

/** Encryption at rest. Import it where secrets are stored (connections). */
@Module({
  providers: [SecretBox],
  exports: [SecretBox],
})
export class CryptoModule {}
