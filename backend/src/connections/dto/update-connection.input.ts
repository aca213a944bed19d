import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

/** Only the fields given change; `config` replaces the whole config. */
@InputType('UpdateConnectionInput')
export class UpdateConnectionInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  connector?: string | null;

  @Field(() => JSONScalar, { nullable: true })
  config?: Record<string, unknown> | null;
}
