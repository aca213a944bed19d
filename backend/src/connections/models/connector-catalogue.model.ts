import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/scalars';

@ObjectType('ConnectorAuthInfo')
export class ConnectorAuthInfoModel {
  @Field({ description: 'none | apiKey | basic | smtp | ...: which connection form to show' })
  kind!: string;

  @Field(() => JSONScalar, { description: 'JSON Schema of the connection config; secret fields are writeOnly and x-tripline-secret' })
  configSchema!: Record<string, unknown>;

  @Field(() => [String])
  secretFields!: string[];

  @Field({ description: 'Whether testConnection can check credentials against the vendor' })
  canTest!: boolean;
}

@ObjectType('ConnectorActionInfo')
export class ConnectorActionInfoModel {
  @Field() name!: string;
  @Field() displayName!: string;
  @Field() description!: string;
  @Field({ description: 'read | write' }) effect!: string;
  @Field() irreversible!: boolean;
  @Field({ description: 'Whether the action declares an undo (compensation)' }) undoable!: boolean;
  @Field(() => String, { nullable: true, description: 'email | crm | slack | webhook: frequency caps apply' }) outreach!: string | null;
  @Field(() => JSONScalar) inputSchema!: Record<string, unknown>;
  @Field(() => JSONScalar) outputSchema!: Record<string, unknown>;
}

@ObjectType('ConnectorTriggerInfo')
export class ConnectorTriggerInfoModel {
  @Field() name!: string;
  @Field() displayName!: string;
  @Field() description!: string;
  @Field({ description: 'polling | webhook' }) kind!: string;
  @Field(() => Int, { nullable: true }) intervalSeconds!: number | null;
  @Field(() => JSONScalar) optionsSchema!: Record<string, unknown>;
}

@ObjectType('ConnectorCatalogueEntry', { description: 'A connector this server has: its auth, actions, triggers and rate limit' })
export class ConnectorCatalogueEntryModel {
  @Field() name!: string;
  @Field() version!: string;
  @Field() displayName!: string;
  @Field(() => ConnectorAuthInfoModel) auth!: ConnectorAuthInfoModel;
  @Field(() => [ConnectorActionInfoModel]) actions!: ConnectorActionInfoModel[];
  @Field(() => [ConnectorTriggerInfoModel]) triggers!: ConnectorTriggerInfoModel[];
  @Field(() => Float, { nullable: true, description: 'Calls per second the connector holds to (the vendor limit)' }) rateLimitPerSecond!: number | null;
}

@ObjectType('ConnectionTestResult', { description: "The connector's credential check; never contains the config" })
export class ConnectionTestResultModel {
  @Field() ok!: boolean;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() testedAt!: Date;
}

@ObjectType('ConnectionSecretsRotation')
export class ConnectionSecretsRotationModel {
  @Field(() => Int, { description: 'Connections re-encrypted under the current key' }) reencrypted!: number;
  @Field(() => Int, { description: 'Connections already under the current key' }) current!: number;
}
