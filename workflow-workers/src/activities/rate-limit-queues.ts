/**
 * Each connector's activities run on a task queue of their own, so the Temporal server can hold
 * them to the connector's declared rate across every worker polling it. The name derives from the
 * playbook task queue the run is on: every worker of one deployment shares it (so they share the
 * limit), and a test on its own queue gets connector queues of its own.
 *
 * Pure: the workflow bundle imports it to route action steps.
 */
export function connectorTaskQueue(playbookTaskQueue: string, connector: string): string {
  return `${playbookTaskQueue}-connector-${connector}`;
}
