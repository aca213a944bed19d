import { inputJsonSchema, outputJsonSchema, type ConnectorDefinition } from '@tripline/connector-sdk';
import { z } from 'zod';

/**
 * Every schema the designer renders or reads exports as JSON Schema: the connection form, each
 * action's input and output, each trigger's options. Strict here (unrepresentable types throw),
 * where the SDK's export silently widens them to "any", so a form never loses a field unnoticed.
 */
export function checkSchemas(connector: ConnectorDefinition): string[] {
  const problems: string[] = [];
  const check = (what: string, schema: z.ZodType, io: 'input' | 'output') => {
    try {
      const json = z.toJSONSchema(schema, { io, unrepresentable: 'throw' });
      if (!isObjectSchema(json)) problems.push(`${connector.name}: ${what} must be an object schema, or a union of them (JSON Schema type '${String(json.type)}')`);
      JSON.parse(JSON.stringify(json));
    } catch (error) {
      problems.push(`${connector.name}: ${what} does not export as JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  check('the connection config schema', connector.auth.config, 'input');
  for (const action of connector.actions) {
    check(`action '${action.name}' input schema`, action.input, 'input');
    check(`action '${action.name}' output schema`, action.output, 'output');
    // What the designer actually calls: must not throw either.
    try {
      inputJsonSchema(action);
      outputJsonSchema(action);
    } catch (error) {
      problems.push(`${connector.name}: action '${action.name}' schemas fail the SDK's export: ${String(error)}`);
    }
  }
  for (const trigger of connector.triggers ?? []) check(`trigger '${trigger.name}' options schema`, trigger.options, 'input');
  return problems;
}

/** An object, or a union of objects (a form with variants, e.g. one per grant type). */
function isObjectSchema(json: Record<string, unknown>): boolean {
  if (json.type === 'object') return true;
  const variants = json.anyOf ?? json.oneOf;
  return Array.isArray(variants) && variants.length > 0 && variants.every((variant) => isObjectSchema(variant as Record<string, unknown>));
}
