import { Field, ID, InputType } from '@nestjs/graphql';

/** The most recentEvents returns in one page. */
export const MAX_RECENT_EVENTS = 200;

@InputType('EventTailFilter', { description: 'Every field given must match' })
export class EventTailFilterInput {
  @Field(() => String, { nullable: true, description: 'The event name (track) or page / screen name' })
  event?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: "The person's account" })
  accountId?: string | null;
}
