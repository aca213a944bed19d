/**
 * What an action step becomes when its connector or action is changed in the panel: the connection
 * follows the connector (the first of the workspace's connections for it), the pinned connector
 * version is dropped (publishing pins the installed one), and inputs the new action does not take
 * are dropped (undo brings them back).
 */
import type { ActionStep } from '@tripline/playbook';
import type { CatalogueAction, WorkspaceConnection } from '../../../../api/types';
import type { ConnectorInfo } from '../../../../store/catalogue-store';
import type { StepPatch } from '../../operations/update-node';
import { fieldsOf } from '../../forms/json-schema/schema-fields';

/** Inputs whose templates produce HTML, per action (the connector's `htmlInputs`; the catalogue does not list them yet). */
export const HTML_INPUTS: Readonly<Record<string, readonly string[]>> = { 'email.send': ['html'] };

export function inputFor(input: Record<string, unknown>, action: CatalogueAction | undefined): Record<string, unknown> {
  if (!action) return {};
  const names = new Set(fieldsOf(action.inputSchema).map((field) => field.name));
  return Object.fromEntries(Object.entries(input).filter(([name]) => names.has(name)));
}

export function connectorChange(step: ActionStep, connector: ConnectorInfo | undefined, name: string, connections: readonly WorkspaceConnection[]): StepPatch {
  if (name === step.connector) return {};
  const action = connector?.actions[0];
  return {
    connector: name,
    connectorVersion: undefined,
    action: action?.name ?? '',
    connection: connections.find((connection) => connection.connector === name)?.name ?? '',
    input: inputFor(step.input, action),
  };
}

export function actionChange(step: ActionStep, action: CatalogueAction | undefined, name: string): StepPatch {
  if (name === step.action) return {};
  return { action: name, input: inputFor(step.input, action) };
}
