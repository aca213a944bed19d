import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalPolicies } from './approval-policies';
import { ApprovalPolicyEntity } from './approval-policy.entity';

/**
 * The effective approval policy of a workspace (stored or built-in). Imported by the playbook and
 * scoring-model modules (direct publish is refused when the policy has levels) and by governance.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApprovalPolicyEntity])],
  providers: [ApprovalPolicies],
  exports: [ApprovalPolicies],
})
export class ApprovalPolicyModule {}
