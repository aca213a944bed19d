import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ChangeRequestEntity } from '../governance/change-requests/change-request.entity';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

/**
 * Workspace membership management (admins) and the member list (everyone); changes are audited.
 * Reads change requests (hasOpenChangeRequest): a requester waiting for approval cannot change who approves.
 */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([ChangeRequestEntity])],
  providers: [MembersService, MembersResolver],
})
export class MembersModule {}
