import { inputJsonSchema, outputJsonSchema, type ConnectorDefinition } from '@tripline/connector-sdk';
import { z } from 'zod';

/** One connector as the designer's forms need it (plain data: JSON Schemas, flags). */
export interface CatalogueEntry {
  name: string;
  version: string;
  displayName: string;
  auth: { kind: string; configSchema: Record<string, unknown>; secretFields: string[]; canTest: boolean };
  actions: {
    name: string;
    displayName: string;
    description: string;
    effect: string;
    irreversible: boolean;
    undoable: boolean;
    outreach: string | null;
    inputSchema: Record<string, unknown>;
    outputSchema: Record<string, unknown>;
  }[];
  triggers: { name: string; displayName: string; description: string; kind: string; intervalSeconds: number | null; optionsSchema: Record<string, unknown> }[];
  rateLimitPerSecond: number | null;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * The connection form's schema, with each secret field marked `writeOnly` and `x-tripline-secret`
 * (JSON Schema's own word for "sent, never shown back", plus ours for the designer's password inputs).
 */
function configSchemaOf(connector: ConnectorDefinition): Record<string, unknown> {
  const schema = jsonSchema(connector.auth.config, 'input');
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const field of connector.auth.secretFields) {
    if (properties?.[field]) properties[field] = { ...properties[field], writeOnly: true, 'x-tripline-secret': true };
  }
  return schema;
}

export function catalogueEntryOf(connector: ConnectorDefinition): CatalogueEntry {
  return {
    name: connector.name,
    version: connector.version,
    displayName: connector.displayName,
    auth: { kind: connector.auth.kind, configSchema: configSchemaOf(connector), secretFields: [...connector.auth.secretFields], canTest: connector.auth.test !== undefined },
    actions: connector.actions.map((action) => ({
      name: action.name,
      displayName: action.displayName,
      description: action.description,
      effect: action.effect,
      irreversible: action.irreversible,
      undoable: action.undo !== undefined,
      outreach: action.outreach ?? null,
      inputSchema: inputJsonSchema(action),
      outputSchema: outputJsonSchema(action),
    })),
    triggers: (connector.triggers ?? []).map((trigger) => ({
      name: trigger.name,
      displayName: trigger.displayName,
      description: trigger.description,
      kind: trigger.kind,
      intervalSeconds: trigger.kind === 'polling' ? trigger.intervalSeconds : null,
      optionsSchema: jsonSchema(trigger.options, 'input'),
    })),
    rateLimitPerSecond: connector.rateLimit?.perSecond ?? null,
  };
}
