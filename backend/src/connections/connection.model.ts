import { Field, ID, ObjectType } from '@nestjs/graphql';

/** A connection as clients see it: never its config (credentials stay server-side). */
@ObjectType('Connection', { description: 'Credentials for one connector; the config is never returned' })
export class ConnectionModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  connector!: string;

  @Field()
  createdAt!: Date;
}
