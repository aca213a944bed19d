import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

/** Only the fields given change. */
@InputType()
export class UpdateScoringModelDraftInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The whole model document (a JSON object, at most 1 MB)' })
  definition?: unknown;
}
