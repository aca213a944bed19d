import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

@InputType()
export class CreatePlaybookInput {
  @Field({ description: 'At most 200 characters' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The DSL document; a minimal skeleton when left out' })
  definition?: unknown;
}
