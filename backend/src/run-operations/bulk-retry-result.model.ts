import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('BulkRetryResult', { description: 'What a bulk retry did with one run' })
export class BulkRetryResultModel {
  @Field(() => ID)
  runId!: string;

  @Field()
  ok!: boolean;

  @Field(() => String, { nullable: true, description: 'Why this run was not retried' })
  error!: string | null;
}
