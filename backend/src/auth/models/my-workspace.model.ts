import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '../principal';
import { RoleEnum } from './role.enum';

/** A workspace the signed-in user belongs to, with their role there: what a workspace switcher lists. */
@ObjectType('MyWorkspace')
export class MyWorkspaceModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => RoleEnum, { description: 'Your role in this workspace' })
  role!: Role;
}
