import { Field, ObjectType } from '@nestjs/graphql';
import type { Role } from '../principal';
import { RoleEnum } from './role.enum';
import { UserModel } from './user.model';
import { WorkspaceModel } from './workspace.model';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as "Authorization: Bearer <token>"; valid for 12 hours' })
  token!: string;

  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => WorkspaceModel)
  workspace!: WorkspaceModel;

  @Field(() => RoleEnum)
  role!: Role;
}
