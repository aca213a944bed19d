import { Field, InputType } from '@nestjs/graphql';
import { RoleEnum } from '../../auth/models/role.enum';
import type { Role } from '../../auth/principal';
import { MIN_PASSWORD_LENGTH } from '../../auth/users.service';

/** Adds a person to the workspace: an existing user by email, or a new user (then `password` is required). */
@InputType('AddWorkspaceMemberInput')
export class AddWorkspaceMemberInput {
  @Field()
  email!: string;

  @Field(() => String, { nullable: true, description: 'For a new user; an existing user keeps the name they have' })
  name?: string | null;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: `Required when no user has this email yet (at least ${MIN_PASSWORD_LENGTH} characters); refused for an existing user, whose password only they change`,
  })
  password?: string | null;
}
