import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import type { ScoringModelEntity } from '../scoring-model.entity';

@ObjectType('ScoringModel')
export class ScoringModelModel {
  @Field(() => ID, { description: 'What playbook triggers (scoreThreshold, tierChange) name as `model`' })
  id!: string;

  /** Not exposed: lets field resolvers (versions) stay inside the model's workspace. */
  workspaceId!: string;

  @Field()
  name!: string;

  @Field({ description: '"events" (event rules) or "components" (a component model)' })
  kind!: string;

  @Field(() => JSONScalar, { description: 'The model document being edited' })
  draft!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'null until published' })
  publishedVersion!: number | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(entity: ScoringModelEntity): ScoringModelModel {
    return {
      id: entity.id,
      workspaceId: entity.workspaceId,
      name: entity.name,
      kind: entity.kind,
      draft: entity.draft,
      publishedVersion: entity.publishedVersion,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
