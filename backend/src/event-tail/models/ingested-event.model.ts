import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { SubjectKindEnum } from '../../scoring/models/subject-kind.enum';

@ObjectType('EventScoreEffect', { description: "How one event moved one subject's score under one published event model" })
export class EventScoreEffectModel {
  @Field(() => ID)
  modelId!: string;

  @Field()
  modelName!: string;

  @Field(() => SubjectKindEnum)
  subjectKind!: SubjectKindEnum;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => Float, { description: 'scoreAfter − scoreBefore (2 decimals)' })
  points!: number;

  @Field(() => Float, { description: 'The score at the event time without this event (2 decimals)' })
  scoreBefore!: number;

  @Field(() => Float, { description: 'The score at the event time with this event (2 decimals)' })
  scoreAfter!: number;

  @Field(() => String, { nullable: true })
  tierBefore!: string | null;

  @Field(() => String, { nullable: true })
  tierAfter!: string | null;
}

@ObjectType('IngestedEvent', { description: 'A stored event as the live tail shows it, with its score effects' })
export class IngestedEventModel {
  @Field()
  messageId!: string;

  @Field({ description: 'The Segment call type: track, identify, group, page, screen or alias' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'track: the event name; page / screen: the page or screen name' })
  event!: string | null;

  @Field(() => String, { nullable: true })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  anonymousId!: string | null;

  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field(() => ID, { nullable: true, description: "The person's account" })
  accountId!: string | null;

  @Field({ description: 'When it happened (clock-skew corrected)' })
  timestamp!: Date;

  @Field()
  receivedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Where it came from, e.g. segment:analytics-node. recentEvents reads it from the stored context.library (null without one)',
  })
  source!: string | null;

  @Field(() => [EventScoreEffectModel], { description: 'Person effects first, then account effects; empty when it scored nothing' })
  scoreEffects!: EventScoreEffectModel[];
}
