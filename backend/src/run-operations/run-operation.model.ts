import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/scalars';

@ObjectType('RunOperation', { description: 'An operator action on a run (retry, cancel, reset), as recorded; refused ones too' })
export class RunOperationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  runId!: string;

  @Field({ description: 'retry, cancel or reset' })
  action!: string;

  @Field(() => ID)
  actorUserId!: string;

  @Field({ description: 'ok or failed' })
  outcome!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'e.g. temporalRunId, toStep, resetEventId, bulk' })
  detail!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  createdAt!: Date;
}
