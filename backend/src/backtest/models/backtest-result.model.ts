import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SubjectKindEnum } from '../../scoring/models/subject-kind.enum';

@ObjectType('BacktestDayCount')
export class BacktestDayCountModel {
  @Field({ description: 'UTC day, YYYY-MM-DD' })
  day!: string;

  @Field(() => Int, { description: 'Subjects that fired that day (each at most once a day)' })
  count!: number;
}

@ObjectType('BacktestTierCount')
export class BacktestTierCountModel {
  @Field({ description: 'A tier of the model, or "none" for scores below every tier' })
  tier!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('BacktestScore')
export class BacktestScoreModel {
  @Field(() => ID)
  subjectId!: string;

  @Field(() => Float, { description: 'The score at `to`, full precision: what live ingest holds for the same events' })
  score!: number;

  @Field(() => String, { nullable: true })
  tier!: string | null;
}

@ObjectType('BacktestSummary', { description: 'How one model + trigger did over the range' })
export class BacktestSummaryModel {
  @Field(() => [BacktestDayCountModel], { description: 'Every UTC day of the range' })
  firesPerDay!: BacktestDayCountModel[];

  @Field(() => [BacktestTierCountModel], { description: 'Subjects of the population per tier at `to`' })
  tierDistribution!: BacktestTierCountModel[];

  @Field(() => [ID], { description: 'Subjects that fired at least once in the range' })
  fired!: string[];

  @Field(() => Int, { description: 'Fired subjects that converted after firing (trait outcomes: converted at all)' })
  truePositives!: number;

  @Field(() => Float, { nullable: true, description: 'truePositives / fired; null when nothing fired' })
  precision!: number | null;

  @Field(() => Float, { nullable: true, description: 'truePositives / converted; null when nobody converted' })
  recall!: number | null;

  @Field(() => Float, { nullable: true, description: 'precision / baseRate; null when either is unknown or the base rate is 0' })
  lift!: number | null;
}

@ObjectType('BacktestResult', { description: 'A draft replayed over stored history with no side effects, and how it compares with the published version' })
export class BacktestResultModel extends BacktestSummaryModel {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => SubjectKindEnum)
  subject!: SubjectKindEnum;

  @Field(() => Int, { description: 'Stored track events applied (those up to `to`)' })
  eventsProcessed!: number;

  @Field(() => Int, { description: 'Subjects with an event in the range, or that fired in it' })
  population!: number;

  @Field(() => Int, { description: 'Subjects of the population that converted' })
  converted!: number;

  @Field(() => Float, { nullable: true, description: 'converted / population' })
  baseRate!: number | null;

  @Field(() => [ID], { description: 'Fired under the draft but not under the published version' })
  newlyFiring!: string[];

  @Field(() => [ID], { description: 'Fired under the published version but not under the draft' })
  noLongerFiring!: string[];

  @Field(() => BacktestSummaryModel, { nullable: true, description: 'The published version over the same history; null when neither the model nor the playbook is published' })
  baseline!: BacktestSummaryModel | null;

  @Field(() => Int, { nullable: true, description: "The published scoring model version in the baseline (null: the draft model stood in)" })
  baselineModelVersion!: number | null;

  @Field(() => Int, { nullable: true, description: "The published playbook version whose trigger is in the baseline (null: the draft trigger stood in)" })
  baselinePlaybookVersion!: number | null;

  @Field(() => [BacktestScoreModel], { description: 'Every subject of the population, by id' })
  scores!: BacktestScoreModel[];

  @Field(() => [String])
  warnings!: string[];
}
