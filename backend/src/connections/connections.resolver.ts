import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { notFound } from '../graphql/errors';
import { ConnectionEntity } from './connection.entity';
import { ConnectionModel } from './connection.model';
import { ConnectionsService } from './connections.service';
import { CreateConnectionInput } from './dto/create-connection.input';
import { UpdateConnectionInput } from './dto/update-connection.input';

/** Connections are managed by admins; the config (credentials) never leaves the server through GraphQL. */
@Resolver(() => ConnectionModel)
@Roles('admin')
export class ConnectionsResolver {
  constructor(private readonly service: ConnectionsService) {}

  @Query(() => [ConnectionModel])
  async connections(@CurrentPrincipal() principal: Principal): Promise<ConnectionModel[]> {
    return (await this.service.list(principal.workspaceId)).map(toModel);
  }

  @Mutation(() => ConnectionModel)
  async createConnection(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { type: () => CreateConnectionInput }) input: CreateConnectionInput,
  ): Promise<ConnectionModel> {
    return toModel(await this.service.create(principal.workspaceId, input));
  }

  @Mutation(() => ConnectionModel)
  async updateConnection(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateConnectionInput }) input: UpdateConnectionInput,
  ): Promise<ConnectionModel> {
    return toModel(
      await this.service.update(principal.workspaceId, id, {
        name: input.name ?? undefined,
        connector: input.connector ?? undefined,
        config: input.config ?? undefined,
      }),
    );
  }

  @Mutation(() => Boolean)
  async deleteConnection(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    if (!(await this.service.delete(principal.workspaceId, id))) throw notFound(`Connection ${id}`);
    return true;
  }
}

function toModel(connection: ConnectionEntity): ConnectionModel {
  return { id: connection.id, name: connection.name, connector: connection.connector, createdAt: connection.createdAt };
}
