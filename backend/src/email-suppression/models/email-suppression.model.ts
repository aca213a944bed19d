import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum EmailSuppressionReason {
  unsubscribe = 'unsubscribe',
  hardBounce = 'hardBounce',
  complaint = 'complaint',
  manual = 'manual',
}
registerEnumType(EmailSuppressionReason, {
  name: 'EmailSuppressionReason',
  description: 'Why an address is suppressed: the recipient unsubscribed, the mail server refused it for good, a complaint, or an admin added it',
});

@ObjectType('EmailSuppression', { description: 'An address no outreach email of the workspace reaches (a send to it is skipped)' })
export class EmailSuppressionModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Lower-cased' })
  email!: string;

  @Field(() => EmailSuppressionReason)
  reason!: EmailSuppressionReason;

  @Field(() => String, { nullable: true, description: "What the mail server answered (a bounce), or the admin's note" })
  detail!: string | null;

  @Field(() => ID, { nullable: true, description: 'The run whose email was unsubscribed from or bounced' })
  sourceRunId!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
