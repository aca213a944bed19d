import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import type { ChangeKind, ChangeTargetKind } from '@tripline/playbook';
import { ChangeKindEnum, ChangeTargetKindEnum } from '../models/change-enums';

export const MAX_TITLE_LENGTH = 200;
export const MAX_REASON_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = 2000;

@InputType('ThresholdChangeInput')
export class ThresholdChangeInput {
  @Field({ description: 'A path from thresholdFields of the published trigger, e.g. "trigger.threshold"' })
  path!: string;

  @Field(() => Float)
  value!: number;
}

@InputType('SubmitChangeRequestInput')
export class SubmitChangeRequestInput {
  @Field(() => ChangeKindEnum)
  kind!: ChangeKind;

  @Field(() => ID, { description: 'The playbook or scoring model' })
  targetId!: string;

  @Field(() => ChangeTargetKindEnum, { nullable: true, description: 'rollback: playbook or scoringModel (found from the id when omitted)' })
  targetKind?: ChangeTargetKind | null;

  @Field(() => String, { nullable: true, description: `At most ${MAX_TITLE_LENGTH} characters; a title naming the change when omitted` })
  title?: string | null;

  @Field(() => String, { nullable: true, description: `Why: at most ${MAX_REASON_LENGTH} characters` })
  reason?: string | null;

  @Field(() => ThresholdChangeInput, { nullable: true, description: 'changeThreshold: the field and its new value' })
  threshold?: ThresholdChangeInput | null;

  @Field(() => Int, { nullable: true, description: 'rollback: the version to make live again (default: the one before the current)' })
  toVersion?: number | null;
}
