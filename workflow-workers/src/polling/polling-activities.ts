import { Context } from '@temporalio/activity';
import { applyPoll, InvalidInputError, formatIssues, type ConnectorRegistry, type PollingTriggerDefinition } from '@tripline/connector-sdk';
import { loadConnectionConfig } from '../activities/load-connection';
import { NonRetryableActivityError } from '../activities/non-retryable-activity-error';
import { whileHeartbeating } from '../activities/heartbeat';
import { toApplicationFailure } from '../activities/to-application-failure';
import type { WorkerApi } from '../worker-api/worker-api';
import type { PollOnceInput, PollOnceResult, PollState } from './poll-types';
import type { TriggerApi } from './trigger-api';

export interface PollingDeps {
  workerApi: WorkerApi;
  triggerApi: TriggerApi;
  connectors: ConnectorRegistry;
}

function pollingTrigger(connectors: ConnectorRegistry, connectorName: string, triggerName: string): PollingTriggerDefinition {
  const connector = connectors.getConnector(connectorName);
  const trigger = connector.triggers?.find((t) => t.name === triggerName);
  if (!trigger || trigger.kind !== 'polling') {
    throw new NonRetryableActivityError(`Connector '${connectorName}' has no polling trigger '${triggerName}'`, 'UnknownTrigger');
  }
  return trigger;
}

/**
 * One poll, start to finish, as ONE activity on the connector's own task queue (so the connector's
 * rate limit covers it): the connection, the vendor call, the checkpoint rule (`applyPoll`), and the
 * delivery of the items with the new checkpoint to the API. Items never pass through workflow
 * history (a day of Mixpanel events would not fit). If the worker dies after polling and before the
 * delivery lands, the retry polls again from the same checkpoint: nothing is lost, and a delivery
 * that did land is deduplicated by item ids.
 */
export async function pollAndDeliver(deps: PollingDeps, input: PollOnceInput, signal?: AbortSignal): Promise<PollOnceResult> {
  const where = `trigger ${input.connector}.${input.trigger} of connection ${input.connectionId}`;
  const trigger = pollingTrigger(deps.connectors, input.connector, input.trigger);
  const connector = deps.connectors.getConnector(input.connector);
  const auth = await loadConnectionConfig(deps.workerApi, connector, { workspaceId: input.workspaceId, connection: input.connectionId }, where);
  const options = trigger.options.safeParse(input.options);
  if (!options.success) {
    const issues = options.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
    throw new InvalidInputError(`Invalid options for ${where}: ${formatIssues(issues)}`, issues);
  }
  const result = await trigger.poll({ auth, options: options.data, checkpoint: input.checkpoint, now: input.now, ...(signal ? { signal } : {}) });
  const applied = applyPoll(input.checkpoint, result);
  const delivery = await deps.triggerApi.deliver({
    workspaceId: input.workspaceId,
    connectionId: input.connectionId,
    trigger: input.trigger,
    items: applied.items,
    ...(input.storeCheckpoint ? { checkpoint: applied.checkpoint } : {}),
  });
  return {
    checkpoint: applied.checkpoint,
    complete: result.complete,
    items: applied.items.length,
    stored: delivery.events.stored + delivery.crmChanges.stored,
    rejected: delivery.rejected.length,
  };
}

/** The activities of `pollConnectorTrigger` (register them on the workflow queue and every connector queue). */
export function createPollingActivities(deps: PollingDeps) {
  return {
    async loadPollState(request: { workspaceId: string; connectionId: string; trigger: string }): Promise<PollState | null> {
      try {
        return await deps.triggerApi.pollState(request.workspaceId, request.connectionId, request.trigger);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    async pollAndDeliver(input: PollOnceInput): Promise<PollOnceResult> {
      // Alive while the vendor is slow or the delivery is large (the workflow's heartbeat timeout is 30 s).
      try {
        return await whileHeartbeating(() => pollAndDeliver(deps, input, Context.current().cancellationSignal));
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    async reportPollError(report: { workspaceId: string; connectionId: string; trigger: string; message: string }): Promise<void> {
      try {
        await deps.triggerApi.reportPollError(report);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },
  };
}

export type PollingActivities = ReturnType<typeof createPollingActivities>;
