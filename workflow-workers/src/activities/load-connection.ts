import { parseConnectionConfig, type ConnectorDefinition } from '@tripline/connector-sdk';
import type { WorkerApi } from '../worker-api/worker-api';
import { NonRetryableActivityError } from './non-retryable-activity-error';

/**
 * The validated config of the step's connection, refusing a connection of another connector.
 * `where` names the step in messages. The config holds secrets: never log it.
 */
export async function loadConnectionConfig(
  workerApi: WorkerApi,
  connector: ConnectorDefinition,
  request: { workspaceId: string; connection: string },
  where: string,
): Promise<unknown> {
  const connection = await workerApi.getConnection(request.workspaceId, request.connection);
  if (connection.connector !== connector.name) {
    throw new NonRetryableActivityError(
      `${where} uses connection '${request.connection}', which is a ${connection.connector} connection, not ${connector.name}`,
      'ConnectionMismatch',
    );
  }
  return parseConnectionConfig(connector, connection.config);
}
