import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('ScoringModelProblem')
export class ScoringModelProblemModel {
  @Field({ description: 'schema, weights_sum, tiers, duplicate_id, missing_config, points' })
  code!: string;

  @Field({ description: 'Starts with the field it is about, e.g. "components: component weights must sum to 100, but they sum to 90"' })
  message!: string;

  @Field(() => [String], { nullable: true, description: 'The field, e.g. ["rules", "2", "cap", "count"]' })
  path?: string[];
}

@ObjectType('ScoringModelValidation')
export class ScoringModelValidationModel {
  @Field()
  ok!: boolean;

  @Field(() => [ScoringModelProblemModel])
  problems!: ScoringModelProblemModel[];
}
