import { Field, Float, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { QualityFlagModel } from './quality-flag.model';

/** Counters are SafeInt (53 bits): a week of one busy source can pass GraphQL Int's 2^31. */
@ObjectType('SourceQuality', { description: 'Data quality of one source (ingest channel and sending library) over a range of UTC days' })
export class SourceQualityModel {
  @Field({ description: 'e.g. segment:analytics-node; segment:unknown when the call named no context.library' })
  source!: string;

  @Field(() => GraphQLSafeInt, { description: 'Calls received, duplicates included' })
  received!: number;

  @Field(() => GraphQLSafeInt, { description: 'Received calls whose messageId was already stored (or repeated in the request)' })
  duplicates!: number;

  @Field(() => GraphQLSafeInt, { description: 'received - duplicates' })
  stored!: number;

  @Field(() => GraphQLSafeInt, { description: 'Stored calls with every required field of their call type' })
  complete!: number;

  @Field(() => GraphQLSafeInt, { description: 'Stored calls stitched to a person with a userId' })
  identified!: number;

  @Field(() => GraphQLSafeInt, { description: 'Stored calls stitched to a person who belongs to an account' })
  accountMatched!: number;

  @Field(() => Float, { nullable: true, description: 'complete / stored; null when nothing was stored' })
  completeness!: number | null;

  @Field(() => Float, { nullable: true, description: 'duplicates / received' })
  duplicateRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'stored / received = 1 - duplicateRate (the KPI, ≥ 99 %)' })
  deduplicationRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'identified / stored; null when nothing was stored' })
  identityMatchRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'accountMatched / stored; null when nothing was stored' })
  accountMatchRate!: number | null;

  @Field(() => [QualityFlagModel], { description: 'KPIs below their thresholds, each judged on at least minEvents events; empty when the source is healthy' })
  flags!: QualityFlagModel[];

  @Field({ description: 'When the source last sent anything in the range' })
  lastReceivedAt!: Date;
}
