import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/scalars';

@ObjectType('ConnectionTrigger', { description: "A connector trigger switched on for one connection: options, polling state, the last error" })
export class ConnectionTriggerModel {
  @Field(() => ID)
  connectionId!: string;

  @Field()
  connector!: string;

  @Field()
  trigger!: string;

  @Field({ description: 'polling | webhook' })
  kind!: string;

  @Field()
  enabled!: boolean;

  @Field(() => JSONScalar)
  options!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'Polling: seconds between polls' })
  intervalSeconds!: number | null;

  @Field(() => String, { nullable: true, description: 'Webhook: the path the vendor posts to (POST, on this API)' })
  webhookPath!: string | null;

  @Field(() => String, { nullable: true, description: 'Polling: the Temporal Schedule id' })
  scheduleId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the schedule could not be changed just now (retried in the background)' })
  scheduleError!: string | null;

  @Field(() => Date, { nullable: true, description: 'Where the next poll starts' })
  checkpointTime!: Date | null;

  @Field(() => Date, { nullable: true })
  lastPollAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastDeliveryAt!: Date | null;

  @Field(() => Float)
  itemsDelivered!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  lastErrorAt!: Date | null;
}

@ObjectType('ConnectionTriggerBackfill')
export class ConnectionTriggerBackfillModel {
  @Field({ description: 'The Temporal workflow id of the backfill (find it in the Temporal UI)' })
  workflowId!: string;
}
