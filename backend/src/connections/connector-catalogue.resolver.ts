import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { catalogueEntryOf } from './connector-catalogue';
import { ConnectorCatalogueEntryModel } from './models/connector-catalogue.model';

/** What connectors exist and how to fill their forms: for every signed-in member (the designer's step forms need it). */
@Resolver(() => ConnectorCatalogueEntryModel)
export class ConnectorCatalogueResolver {
  constructor(@Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry) {}

  @Query(() => [ConnectorCatalogueEntryModel])
  connectorCatalogue(): ConnectorCatalogueEntryModel[] {
    return this.registry.list().map(catalogueEntryOf);
  }
}
