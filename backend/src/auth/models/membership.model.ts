import { Field, ObjectType } from '@nestjs/graphql';
import type { Role } from '../principal';
import { RoleEnum } from './role.enum';
import { WorkspaceModel } from './workspace.model';

@ObjectType('Membership')
export class MembershipModel {
  @Field(() => WorkspaceModel)
  workspace!: WorkspaceModel;

  @Field(() => RoleEnum)
  role!: Role;
}
