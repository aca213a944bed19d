import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** GraphQL names of the cap scopes: every outreach channel, or all of them together. */
export enum FrequencyCapScope {
  all = 'all',
  email = 'email',
  crm = 'crm',
  slack = 'slack',
  webhook = 'webhook',
}
registerEnumType(FrequencyCapScope, {
  name: 'FrequencyCapScope',
  description: 'The outreach a cap counts: one channel, or all channels together',
});

@ObjectType('FrequencyCapRule', { description: 'At most `max` outreach per contact within `days` days' })
export class FrequencyCapRuleModel {
  @Field(() => FrequencyCapScope)
  channel!: FrequencyCapScope;

  @Field(() => Int)
  max!: number;

  @Field(() => Float, { description: 'The window in days (fractions allowed, e.g. 0.5 for 12 hours)' })
  days!: number;
}

@ObjectType('FrequencyCapSettings', {
  description: 'Per-contact frequency caps across all playbooks; none means outreach is not capped (claims are still recorded)',
})
export class FrequencyCapSettingsModel {
  @Field(() => [FrequencyCapRuleModel])
  rules!: FrequencyCapRuleModel[];

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}

@InputType('FrequencyCapRuleInput')
export class FrequencyCapRuleInput {
  @Field(() => FrequencyCapScope)
  channel!: FrequencyCapScope;

  @Field(() => Int)
  max!: number;

  @Field(() => Float)
  days!: number;
}
