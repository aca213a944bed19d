import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

@InputType()
export class CreateScoringModelInput {
  @Field({ description: 'At most 200 characters' })
  name!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The model document (events or components); an event model with no rules when left out' })
  definition?: unknown;
}
