import { z } from 'zod';
import { noAuth } from '../define/auth';
import { defineAction } from '../define/define-action';
import { defineConnector } from '../define/define-connector';
import { NonRetryableError } from '../errors/connector-errors';
import { createRegistry } from './connector-registry';

const ping = defineAction({
  name: 'ping',
  displayName: 'Ping',
  description: 'Answers pong',
  effect: 'read',
  input: z.object({}),
  output: z.object({ answer: z.string() }),
  run: async () => ({ answer: 'pong' }),
});
const demo = defineConnector({ name: 'demo', version: '0.1.0', displayName: 'Demo', auth: noAuth(), actions: [ping] });

describe('createRegistry', () => {
  const registry = createRegistry([demo]);

  it('finds connectors and actions by name', () => {
    expect(registry.list()).toEqual([demo]);
    expect(registry.getConnector('demo')).toBe(demo);
    expect(registry.getAction('demo', 'ping')).toBe(ping);
  });

  it('explains unknown connectors and actions, as permanent errors', () => {
    expect(() => registry.getConnector('hubspot')).toThrow("Unknown connector 'hubspot' (known connectors: demo)");
    expect(() => registry.getAction('demo', 'send')).toThrow("Connector 'demo' has no action 'send' (its actions: ping)");
    expect(() => registry.getAction('demo', 'send')).toThrow(NonRetryableError);
  });

  it('refuses the same connector twice', () => {
    expect(() => createRegistry([demo, demo])).toThrow("Connector 'demo' is registered twice");
  });
});
