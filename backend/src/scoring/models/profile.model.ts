import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import { ScoringModelModel } from './scoring-model.model';
import { SubjectKindEnum } from './subject-kind.enum';

@ObjectType('ScoreContribution', { description: 'One event\'s share of an event-model score: "why this score"' })
export class ScoreContributionModel {
  @Field()
  messageId!: string;

  @Field()
  event!: string;

  @Field()
  ruleId!: string;

  @Field(() => Float, { description: 'What it is worth now, after decay (2 decimals)' })
  points!: number;

  @Field(() => Float, { description: 'What it scored when it happened: points × weight' })
  basePoints!: number;

  @Field({ description: 'When the event happened' })
  timestamp!: Date;
}

@ObjectType('ScoreComponentResult', { description: 'One factor of a component-model score' })
export class ScoreComponentResultModel {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'The measured value (percentages as 0–100+, counts, minutes…)' })
  value!: number;

  @Field(() => Float, { description: 'min(value / fullPointsAt, 1) × weight (2 decimals)' })
  points!: number;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  fullPointsAt!: number;

  @Field(() => String, { nullable: true, description: 'Why the value is 0 when it could not be measured' })
  note?: string | null;
}

@ObjectType('ScoreHistoryEntry')
export class ScoreHistoryEntryModel {
  @Field(() => Float, { description: 'The score right after the event, at its time (2 decimals)' })
  score!: number;

  @Field(() => String, { nullable: true })
  tier!: string | null;

  @Field({ description: 'Event time' })
  at!: Date;

  @Field()
  messageId!: string;
}

@ObjectType('SubjectScore', { description: 'A subject\'s score under one published model, read now (decay applied)' })
export class SubjectScoreModel {
  @Field(() => ScoringModelModel)
  model!: ScoringModelModel;

  @Field(() => Int, { description: 'The published version the score belongs to' })
  modelVersion!: number;

  @Field(() => Float, { description: 'The score now (2 decimals)' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'null below the first tier' })
  tier!: string | null;

  @Field(() => String, { nullable: true, description: 'What sales does at this tier, e.g. "escalate"' })
  tierAction!: string | null;

  @Field(() => Date, { nullable: true, description: 'The newest event the score holds' })
  lastEventAt!: Date | null;

  @Field(() => [ScoreComponentResultModel], { nullable: true, description: 'Component models: each factor; null for event models' })
  components!: ScoreComponentResultModel[] | null;

  /** Resolved by ProfilesResolver.topContributions (up to 20, largest first). */
  contributions!: ScoreContributionModel[];

  /** For the history field: whose history, under which model. */
  subjectKind!: SubjectKindEnum;
  subjectId!: string;
  workspaceId!: string;
}

@ObjectType('Profile')
export class ProfileModel {
  @Field(() => SubjectKindEnum)
  subjectKind!: SubjectKindEnum;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'A person\'s Segment userId' })
  userId!: string | null;

  @Field(() => String, { nullable: true, description: 'An account\'s Segment groupId' })
  groupId!: string | null;

  @Field(() => ID, { nullable: true, description: 'A person\'s account (of their latest group call)' })
  accountId!: string | null;

  @Field(() => JSONScalar)
  traits!: Record<string, unknown>;

  @Field(() => [SubjectScoreModel], { description: 'One per published model that scores this kind of subject' })
  scores!: SubjectScoreModel[];
}

@ObjectType('RankedSubject')
export class RankedSubjectModel {
  @Field(() => SubjectKindEnum)
  subjectKind!: SubjectKindEnum;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => String, { nullable: true, description: 'traits.name, else email / userId / groupId' })
  name!: string | null;

  @Field(() => Float, { description: 'The score now (2 decimals)' })
  score!: number;

  @Field(() => String, { nullable: true })
  tier!: string | null;

  @Field(() => Date, { nullable: true })
  lastEventAt!: Date | null;
}
