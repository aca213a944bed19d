import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('VendorQuota', { description: 'The allowance a vendor last reported for a connection (HubSpot daily remaining, Salesforce 24-hour API usage)' })
export class VendorQuotaModel {
  @Field(() => Float) remaining!: number;
  @Field(() => Float, { nullable: true }) limit!: number | null;
  @Field({ description: "day (resets at the account's midnight) | 24h (rolling)" }) period!: string;
  @Field({ description: 'When the vendor answer carrying it arrived' }) observedAt!: Date;
}

@ObjectType('ConnectionOption', { description: 'A connection as a step picker needs it: never its config' })
export class ConnectionOptionModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() connector!: string;
  @Field({ description: 'ok | quotaLow | quotaExhausted | connectorMissing' }) health!: string;
  @Field(() => String, { nullable: true }) healthNote!: string | null;
}

@ObjectType('ConnectionBudget', { description: "A connection's rate limit, the calls made through it and the vendor's remaining quota" })
export class ConnectionBudgetModel {
  @Field(() => ID) connectionId!: string;
  @Field() name!: string;
  @Field() connector!: string;
  @Field(() => Float, { nullable: true, description: "Calls per second the connector's queue is held to" }) ratePerSecond!: number | null;
  @Field(() => String, { nullable: true, description: 'override (TRIPLINE_<NAME>_RATE_PER_SECOND) | declared (by the connector)' }) rateSource!: string | null;
  @Field(() => Int, { description: 'Action steps through this connection that started in the last minute (skipped ones excluded)' }) callsLastMinute!: number;
  @Field(() => Int) callsLastHour!: number;
  @Field(() => Int) callsLastDay!: number;
  @Field(() => VendorQuotaModel, { nullable: true, description: 'Null until the connector reports one' }) vendorQuota!: VendorQuotaModel | null;
  @Field({ description: 'ok | quotaLow | quotaExhausted | connectorMissing' }) health!: string;
  @Field(() => String, { nullable: true }) healthNote!: string | null;
}
