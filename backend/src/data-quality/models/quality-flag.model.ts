import { Field, Float, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { QualityKpi } from '../quality-kpis';
import { QualityKpiEnum } from './quality-kpi.enum';

@ObjectType('QualityFlag', { description: 'A KPI of a source that fell below its threshold over the range' })
export class QualityFlagModel {
  @Field(() => QualityKpiEnum)
  kpi!: QualityKpi;

  @Field(() => Float, { description: 'The measured rate, a fraction between 0 and 1' })
  value!: number;

  @Field(() => Float, { description: 'The threshold it fell below, a fraction' })
  threshold!: number;

  @Field(() => GraphQLSafeInt, { description: 'The events the rate was measured on: received for DEDUPLICATION, stored otherwise' })
  events!: number;

  @Field()
  message!: string;
}
