import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { UserEntity } from '../user.entity';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  static from(user: UserEntity): UserModel {
    return { id: user.id, email: user.email, name: user.name };
  }
}
