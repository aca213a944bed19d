import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

@InputType('CreateConnectionInput')
export class CreateConnectionInput {
  @Field()
  name!: string;

  @Field()
  connector!: string;

  /** The connector's settings and credentials; stored encrypted, never returned. */
  @Field(() => JSONScalar)
  config!: Record<string, unknown>;
}
