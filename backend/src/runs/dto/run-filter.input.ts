import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { RunStatus } from '@tripline/playbook';
import { RunStatusEnum } from '../run-graphql-enums';

export const MAX_RUNS_PER_PAGE = 200;

@InputType('RunFilter')
export class RunFilterInput {
  @Field(() => ID, { nullable: true })
  playbookId?: string | null;

  @Field(() => RunStatusEnum, { nullable: true })
  status?: RunStatus | null;

  @Field(() => String, { nullable: true })
  subjectId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  limit?: number | null;
}
