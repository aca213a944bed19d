import { registerEnumType } from '@nestjs/graphql';

// GraphQL names are upper case; the values are the stored (and @tripline/playbook) ones.
export const ApprovalStatusEnum = { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected', EXPIRED: 'expired' } as const;
export const ApprovalDecisionEnum = { APPROVE: 'approve', REJECT: 'reject' } as const;

registerEnumType(ApprovalStatusEnum, {
  name: 'ApprovalStatus',
  description: 'PENDING until decided; EXPIRED when no person decided (timeout, or the run was cancelled)',
});
registerEnumType(ApprovalDecisionEnum, { name: 'ApprovalDecision' });
