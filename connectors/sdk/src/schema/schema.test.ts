import { z } from 'zod';
import { basicAuth } from '../define/auth';
import { defineAction } from '../define/define-action';
import { defineConnector } from '../define/define-connector';
import { InvalidInputError } from '../errors/connector-errors';
import { inputJsonSchema, outputJsonSchema } from './input-json-schema';
import { parseActionInput, parseConnectionConfig } from './parse';

const createTask = defineAction({
  name: 'createTask',
  displayName: 'Create task',
  description: 'Creates a CRM task',
  effect: 'write',
  input: z.object({ title: z.string().min(1), dueInDays: z.number().int().default(1) }),
  output: z.object({ id: z.string() }),
  run: async () => ({ id: 't1' }),
});
const crm = defineConnector({ name: 'crm', version: '1.0.0', displayName: 'CRM', auth: basicAuth(), actions: [createTask] });

describe('inputJsonSchema', () => {
  it('describes the input a step author fills in (defaults make fields optional)', () => {
    const schema = inputJsonSchema(createTask);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(['title', 'dueInDays']);
    expect(schema.required).toEqual(['title']);
    expect(outputJsonSchema(createTask).required).toEqual(['id']);
  });
});

describe('parseActionInput', () => {
  it('returns the parsed input with defaults', () => {
    expect(parseActionInput(createTask, { title: 'Call' })).toEqual({ title: 'Call', dueInDays: 1 });
  });

  it('names every offending field', () => {
    let error: unknown;
    try {
      parseActionInput(createTask, { title: '', dueInDays: 1.5 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toMatch(/^Invalid input for action 'createTask': title: .*; dueInDays: /);
    expect((error as InvalidInputError).issues.map((issue) => issue.field)).toEqual(['title', 'dueInDays']);
  });
});

describe('parseConnectionConfig', () => {
  it('never repeats config values in its error', () => {
    expect(() => parseConnectionConfig(crm, { username: 'secret-user', password: 42 })).toThrow(
      /^Invalid connection config for connector 'crm': password: /,
    );
    expect(() => parseConnectionConfig(crm, { username: 'secret-user', password: 42 })).not.toThrow(/secret-user|42/);
    expect(() => parseConnectionConfig(crm, { username: ['secret-user'], password: 'hunter2' })).toThrow(
      /^Invalid connection config for connector 'crm': username: /,
    );
    expect(() => parseConnectionConfig(crm, { username: ['secret-user'], password: 'hunter2' })).not.toThrow(
      /secret-user|hunter2/,
    );
  });
});
