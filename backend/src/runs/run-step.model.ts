import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { StepStatus } from '@tripline/playbook';
import { JSONScalar } from '../graphql/scalars';
import { StepStatusEnum } from './run-graphql-enums';

/** One execution of one node, as clients see it (input/output with secrets masked). */
@ObjectType('RunStep')
export class RunStepModel {
  @Field(() => ID)
  id!: string;

  @Field()
  stepId!: string;

  @Field()
  kind!: string;

  @Field(() => StepStatusEnum)
  status!: StepStatus;

  @Field(() => String, { nullable: true, description: 'The output port the step left by (condition: yes/no)' })
  port!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'What the step was given; values of secret-looking keys masked' })
  input!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'What the step produced; values of secret-looking keys masked' })
  output!: unknown;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
