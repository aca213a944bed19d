import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';
import type { PlaybookActivity } from '../activity/playbook-activity.model';
import type { PlaybookEntity } from '../playbook.entity';
import { PlaybookStatus } from './playbook-status.enum';

@ObjectType('Playbook')
export class PlaybookModel {
  @Field(() => ID)
  id!: string;

  /** Not exposed: lets field resolvers (versions) stay inside the playbook's workspace. */
  workspaceId!: string;

  /** Not exposed: the list's pending change request and run stats, read for all listed playbooks at once. */
  activity?: PlaybookActivity;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => PlaybookStatus)
  status!: PlaybookStatus;

  @Field(() => JSONScalar, { description: 'The DSL document being edited' })
  draft!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'null until published' })
  publishedVersion!: number | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(entity: PlaybookEntity): PlaybookModel {
    return {
      id: entity.id,
      workspaceId: entity.workspaceId,
      name: entity.name,
      description: entity.description,
      status: entity.publishedVersion === null ? PlaybookStatus.draft : PlaybookStatus.published,
      draft: entity.draft,
      publishedVersion: entity.publishedVersion,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
