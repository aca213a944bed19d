import { Field, ID, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import { SubjectKindEnum } from '../../scoring/models/subject-kind.enum';

@InputType('BacktestInput', { description: 'A draft scoring model and trigger replayed over stored history. Give one of model / modelId and one of trigger / playbookId' })
export class BacktestQueryInput {
  @Field(() => JSONScalar, { nullable: true, description: 'A draft scoring model document (checked as at publish)' })
  model?: unknown;

  @Field(() => ID, { nullable: true, description: "A stored scoring model: its current draft is backtested, its published version is the baseline" })
  modelId?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'A draft trigger (any kind, composites included)' })
  trigger?: unknown;

  @Field(() => ID, { nullable: true, description: "A playbook: its draft's trigger is backtested, its published version's trigger is the baseline" })
  playbookId?: string | null;

  @Field({ description: 'Start of the range (inclusive): earlier events build up state but fire nothing' })
  from!: Date;

  @Field({ description: 'End of the range (inclusive): scores and tiers are read here' })
  to!: Date;

  @Field(() => JSONScalar, { description: 'What counts as converted: { kind: "event", event } (at or after `from`, also after `to`) or { kind: "trait", trait, equals }' })
  outcome!: unknown;

  @Field(() => SubjectKindEnum, { description: 'Who fires and converts: persons or accounts' })
  subject!: SubjectKindEnum;
}
