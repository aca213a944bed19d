import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { notFound } from '../graphql/errors';
import { testConnectionConfig } from './connection-test';
import { ConnectionEntity } from './connection.entity';
import { ConnectionModel } from './connection.model';
import { ConnectionsService } from './connections.service';
import { ConnectionSecretsRotationModel, ConnectionTestResultModel } from './models/connector-catalogue.model';
import { CreateConnectionInput } from './dto/create-connection.input';
import { UpdateConnectionInput } from './dto/update-connection.input';

/** Connections are managed by admins; the config (credentials) never leaves the server through GraphQL. */
@Resolver(() => ConnectionModel)
@Roles('admin')
export class ConnectionsResolver {
  constructor(
    private readonly service: ConnectionsService,
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
  ) {}

  @Query(() => [ConnectionModel])
  async connections(@CurrentPrincipal() principal: Principal): Promise<ConnectionModel[]> {
    return (await this.service.list(principal.workspaceId)).map(toModel);
  }

  @Mutation(() => ConnectionModel)
  async createConnection(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { type: () => CreateConnectionInput }) input: CreateConnectionInput,
  ): Promise<ConnectionModel> {
    return toModel(await this.service.create(principal.workspaceId, input, { userId: principal.userId }));
  }

  @Mutation(() => ConnectionModel)
  async updateConnection(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateConnectionInput }) input: UpdateConnectionInput,
  ): Promise<ConnectionModel> {
    const changes = { name: input.name ?? undefined, connector: input.connector ?? undefined, config: input.config ?? undefined };
    return toModel(await this.service.update(principal.workspaceId, id, changes, { userId: principal.userId }));
  }

  /** Runs the connector's credential check on the stored config; the answer never holds the config. */
  @Mutation(() => ConnectionTestResultModel)
  async testConnection(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ConnectionTestResultModel> {
    const connection = await this.service.resolve(principal.workspaceId, id);
    if (!connection || connection.id !== id) throw notFound(`Connection ${id}`);
    const connector = this.registry.list().find((c) => c.name === connection.connector);
    const testedAt = new Date();
    if (!connector) return { ok: false, message: `Connector '${connection.connector}' is not installed on this server`, testedAt };
    const result = await testConnectionConfig(connector, connection.config);
    return { ok: result.ok, message: result.message ?? null, testedAt };
  }

  /** After adding a new key in front of TRIPLINE_SECRET_KEY: re-encrypts this workspace's connections with it. */
  @Mutation(() => ConnectionSecretsRotationModel)
  rotateConnectionSecrets(@CurrentPrincipal() principal: Principal): Promise<ConnectionSecretsRotationModel> {
    return this.service.rotateSecrets(principal.workspaceId, { userId: principal.userId });
  }

  @Mutation(() => Boolean)
  async deleteConnection(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    if (!(await this.service.delete(principal.workspaceId, id, { userId: principal.userId }))) throw notFound(`Connection ${id}`);
    return true;
  }
}

function toModel(connection: ConnectionEntity): ConnectionModel {
  return { id: connection.id, name: connection.name, connector: connection.connector, createdAt: connection.createdAt };
}
