import { Module } from '@nestjs/common';
import { GraphqlPubSub } from './pubsub';

/** One GraphqlPubSub per API process: import this module where runUpdated is published or subscribed. */
@Module({
  providers: [GraphqlPubSub],
  exports: [GraphqlPubSub],
})
export class GraphqlPubSubModule {}
