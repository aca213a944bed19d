import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import type { ScoringModelVersionEntity } from '../scoring-model-version.entity';

@ObjectType('ScoringModelVersion')
export class ScoringModelVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  modelId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => JSONScalar, { description: 'The published model live scores are computed with' })
  definition!: unknown;

  @Field()
  publishedAt!: Date;

  /** Resolved to a User by ScoringModelVersionResolver. */
  publishedById!: string | null;

  static from(entity: ScoringModelVersionEntity): ScoringModelVersionModel {
    return {
      id: entity.id,
      modelId: entity.modelId,
      version: entity.version,
      definition: entity.definition,
      publishedAt: entity.publishedAt,
      publishedById: entity.publishedBy,
    };
  }
}
