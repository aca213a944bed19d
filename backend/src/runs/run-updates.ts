import { Injectable } from '@nestjs/common';
import { GraphqlPubSub } from '../graphql/pubsub';
import { RunModel } from './run.model';

export interface RunUpdateFilter {
  runId?: string | null;
  playbookId?: string | null;
}

/**
 * The runUpdated feed. One topic per workspace: a subscriber only ever listens on its own
 * workspace's topic, so another workspace's runs cannot reach it whatever filter it passes.
 */
@Injectable()
export class RunUpdates {
  constructor(private readonly pubsub: GraphqlPubSub) {}

  publish(workspaceId: string, run: RunModel): Promise<void> {
    return this.pubsub.publish(runUpdatedTopic(workspaceId), run);
  }

  subscribe(workspaceId: string, filter: RunUpdateFilter = {}): AsyncIterableIterator<RunModel> {
    return this.pubsub.subscribe<RunModel>(
      runUpdatedTopic(workspaceId),
      (run) => (!filter.runId || run.id === filter.runId) && (!filter.playbookId || run.playbookId === filter.playbookId),
    );
  }
}

export function runUpdatedTopic(workspaceId: string): string {
  return `runUpdated:${workspaceId}`;
}
