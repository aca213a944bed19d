import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import type { PlaybookVersionEntity } from '../playbook-version.entity';

@ObjectType('PlaybookVersion')
export class PlaybookVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  playbookId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => JSONScalar, { description: 'The published snapshot runs start from' })
  definition!: unknown;

  @Field()
  publishedAt!: Date;

  /** Resolved to a User by PlaybookVersionResolver. */
  publishedById!: string | null;

  static from(entity: PlaybookVersionEntity): PlaybookVersionModel {
    return {
      id: entity.id,
      playbookId: entity.playbookId,
      version: entity.version,
      definition: entity.definition,
      publishedAt: entity.publishedAt,
      publishedById: entity.publishedBy,
    };
  }
}
