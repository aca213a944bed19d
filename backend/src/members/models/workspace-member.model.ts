import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RoleEnum } from '../../auth/models/role.enum';
import type { Role } from '../../auth/principal';

/** A user as a member of the caller's workspace: who they are, their role there and since when. */
@ObjectType('WorkspaceMember', { description: 'A member of your workspace and their role in it' })
export class WorkspaceMemberModel {
  @Field(() => ID, { description: "The user's id" })
  id!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => Date, { description: 'When the user became a member of this workspace' })
  joinedAt!: Date;
}
