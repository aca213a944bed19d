import { z } from 'zod';
import type { ActionDefinition } from '../define/define-action';

/** The JSON Schema of an action's input (what a step author fills in), for the designer's forms. */
export function inputJsonSchema(action: ActionDefinition): Record<string, unknown> {
  return z.toJSONSchema(action.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The JSON Schema of an action's output, so later steps can offer its fields. */
export function outputJsonSchema(action: ActionDefinition): Record<string, unknown> {
  return z.toJSONSchema(action.output, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}
