import { Field, ObjectType } from '@nestjs/graphql';
import type { Role } from '../principal';
import { MembershipModel } from './membership.model';
import { RoleEnum } from './role.enum';
import { UserModel } from './user.model';
import { WorkspaceModel } from './workspace.model';

@ObjectType('Me')
export class MeModel {
  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => WorkspaceModel, { description: 'The workspace the token is for' })
  workspace!: WorkspaceModel;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => [MembershipModel])
  memberships!: MembershipModel[];
}
