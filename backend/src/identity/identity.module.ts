import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountMemberEntity } from './account-member.entity';
import { AccountEntity } from './account.entity';
import { IdentityStore } from './identity.store';
import { PersonIdentityEntity } from './person-identity.entity';
import { PersonEntity } from './person.entity';

/** Persons, accounts and identity stitching (identify, alias, group) for the ingest transaction. */
@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity, PersonIdentityEntity, AccountEntity, AccountMemberEntity])],
  providers: [IdentityStore],
  exports: [IdentityStore],
})
export class IdentityModule {}
