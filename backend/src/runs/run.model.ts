import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { RunStatus } from '@tripline/playbook';
import { RunStatusEnum } from './run-graphql-enums';
import { RunStepModel } from './run-step.model';

@ObjectType('Run', { description: 'One enrollment of a subject into a published playbook version: one Temporal workflow' })
export class RunModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  playbookId!: string;

  @Field()
  playbookName!: string;

  @Field(() => Int)
  playbookVersion!: number;

  @Field()
  workflowId!: string;

  @Field(() => RunStatusEnum)
  status!: RunStatus;

  @Field()
  subjectKind!: string;

  @Field()
  subjectId!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;

  /** Where an operator finds (and can reset or replay) the workflow in the Temporal Web UI. */
  @Field({ description: 'The workflow in the Temporal Web UI (history, reset, replay)' })
  temporalUiUrl!: string;

  @Field()
  startedAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  /** In the order they started. */
  @Field(() => [RunStepModel], { description: 'Step executions in the order they were recorded' })
  steps!: RunStepModel[];
}
