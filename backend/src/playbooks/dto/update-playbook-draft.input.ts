import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

/** Only the fields given change. */
@InputType()
export class UpdatePlaybookDraftInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The whole DSL document (a JSON object, at most 1 MB)' })
  definition?: unknown;
}
