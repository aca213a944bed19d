import { registerEnumType } from '@nestjs/graphql';

// GraphQL names are the stored (and @tripline/playbook contract) values, like Role and RunStatus.
export const ChangeKindEnum = {
  publishPlaybook: 'publishPlaybook',
  publishScoringModel: 'publishScoringModel',
  changeThreshold: 'changeThreshold',
  rollback: 'rollback',
} as const;
export const ChangeTargetKindEnum = { playbook: 'playbook', scoringModel: 'scoringModel' } as const;
export const ChangeRequestStatusEnum = {
  pending: 'pending',
  published: 'published',
  rejected: 'rejected',
  recalled: 'recalled',
  expired: 'expired',
  superseded: 'superseded',
} as const;

registerEnumType(ChangeKindEnum, {
  name: 'ChangeKind',
  description: 'publishPlaybook / publishScoringModel: the draft as the next version; changeThreshold: one trigger threshold of the published playbook; rollback: an earlier version made live again',
});
registerEnumType(ChangeTargetKindEnum, { name: 'ChangeTargetKind' });
registerEnumType(ChangeRequestStatusEnum, {
  name: 'ChangeRequestStatus',
  description: 'pending until every applying level approved (published), one approver rejected, the requester recalled it, a level timed out (expired), or the target changed underneath it (superseded)',
});
