import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { WorkspaceEntity } from '../../workspaces/workspace.entity';

@ObjectType('Workspace')
export class WorkspaceModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  static from(workspace: WorkspaceEntity): WorkspaceModel {
    return { id: workspace.id, name: workspace.name };
  }
}
