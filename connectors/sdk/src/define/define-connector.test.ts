import { z } from 'zod';
import { apiKeyAuth, basicAuth, noAuth, redactConfig } from './auth';
import { defineAction } from './define-action';
import { defineConnector } from './define-connector';

const auth = apiKeyAuth();

const echo = defineAction({
  auth,
  name: 'echo',
  displayName: 'Echo',
  description: 'Returns its input',
  effect: 'read',
  input: z.object({ text: z.string() }),
  output: z.object({ text: z.string(), keyLength: z.number() }),
  async run({ auth: config, input }) {
    return { text: input.text, keyLength: config.apiKey.length };
  },
});

describe('defineAction', () => {
  it('is plain data plus a run function that receives the typed config', async () => {
    expect(echo.name).toBe('echo');
    expect(echo.irreversible).toBe(false);
    expect('auth' in echo).toBe(false);
    await expect(echo.run({ auth: { apiKey: 'abcd' }, input: { text: 'hi' }, idempotencyKey: 'k' })).resolves.toEqual({
      text: 'hi',
      keyLength: 4,
    });
  });

  it('rejects names that are not camelCase and irreversible reads', () => {
    const base = { displayName: 'X', description: 'x', input: z.object({}), output: z.object({}), run: async () => ({}) };
    expect(() => defineAction({ ...base, name: 'Send Email', effect: 'write' })).toThrow(
      "Action name 'Send Email' must be camelCase",
    );
    expect(() => defineAction({ ...base, name: 'look', effect: 'read', irreversible: true })).toThrow(
      "Action 'look' is a read and cannot be irreversible",
    );
  });
});

describe('undo and outreach declarations', () => {
  const base = { displayName: 'X', description: 'x', input: z.object({ title: z.string() }), output: z.object({ id: z.string() }) };

  it('keep the undo, which gets the input and output of the original action', async () => {
    const deleted: string[] = [];
    const create = defineAction({
      ...base,
      name: 'createTask',
      effect: 'write',
      outreach: 'crm',
      run: async ({ input }) => ({ id: `task-${input.title}` }),
      undo: async ({ input, output, idempotencyKey }) => {
        deleted.push(`${output.id}/${input.title}/${idempotencyKey}`);
      },
    });
    expect(create.irreversible).toBe(false);
    expect(create.outreach).toBe('crm');
    await create.undo!({ auth: {}, input: { title: 'a' }, output: { id: 'task-a' }, idempotencyKey: 'k:undo' });
    expect(deleted).toEqual(['task-a/a/k:undo']);
  });

  it('refuse an undo on a read or on an irreversible action, and an unknown channel', () => {
    const run = async () => ({ id: '1' });
    const undo = async () => undefined;
    expect(() => defineAction({ ...base, name: 'look', effect: 'read', run, undo })).toThrow("Action 'look' is a read and has nothing to undo");
    expect(() => defineAction({ ...base, name: 'send', effect: 'write', irreversible: true, run, undo })).toThrow(
      "Action 'send' is declared irreversible and cannot also declare an undo",
    );
    expect(() => defineAction({ ...base, name: 'fax', effect: 'write', run, outreach: 'fax' as never })).toThrow(
      "Action 'fax' has outreach channel 'fax' (expected one of email, crm, slack, webhook)",
    );
  });

  it('make email outreach declare its recipients, so the suppression list can be checked', () => {
    const run = async () => ({ id: '1' });
    expect(() => defineAction({ ...base, name: 'mail', effect: 'write', outreach: 'email', run })).toThrow(
      "Action 'mail' is email outreach and must declare its recipients (the suppression list is checked against them)",
    );
    const mail = defineAction({
      ...base,
      input: z.object({ to: z.string(), html: z.string() }),
      name: 'mail',
      effect: 'write',
      outreach: 'email',
      recipients: (input) => [input.to],
      htmlInputs: ['html'],
      run,
    });
    expect(mail.recipients!({ to: 'ann@example.com', html: '' })).toEqual(['ann@example.com']);
    expect(mail.htmlInputs).toEqual(['html']);
  });
});

describe('defineConnector', () => {
  it('keeps a declared rate limit and refuses a meaningless one', () => {
    const base = { displayName: 'X', auth: noAuth(), actions: [echo], name: 'demo', version: '1.0.0' };
    expect(defineConnector({ ...base, rateLimit: { perSecond: 10 } }).rateLimit).toEqual({ perSecond: 10 });
    expect(defineConnector({ ...base, rateLimit: { perSecond: 1 / 60 } }).rateLimit?.perSecond).toBeCloseTo(0.0167, 3);
    for (const perSecond of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => defineConnector({ ...base, rateLimit: { perSecond } })).toThrow(
        `Connector 'demo' has rate limit perSecond ${perSecond}; it must be a positive number`,
      );
    }
  });


  it('checks the name, the version and duplicate actions', () => {
    const base = { displayName: 'X', auth: noAuth(), actions: [echo] };
    expect(defineConnector({ ...base, name: 'demo', version: '1.0.0' }).actions).toHaveLength(1);
    expect(() => defineConnector({ ...base, name: 'Demo', version: '1.0.0' })).toThrow("Connector name 'Demo'");
    expect(() => defineConnector({ ...base, name: 'demo', version: 'latest' })).toThrow(
      "version 'latest' is not a semantic version",
    );
    expect(() => defineConnector({ ...base, name: 'demo', version: '1.0.0', actions: [echo, echo] })).toThrow(
      "declares action 'echo' twice",
    );
  });
});

describe('auth kinds', () => {
  it('declare their config schema and secret fields', () => {
    expect(auth.kind).toBe('apiKey');
    expect(auth.config.safeParse({ apiKey: '' }).success).toBe(false);
    expect(basicAuth().secretFields).toEqual(['password']);
    expect(noAuth().config.safeParse({}).success).toBe(true);
  });

  it('redact secrets for logs and UIs', () => {
    expect(redactConfig(basicAuth(), { username: 'ann', password: 'hunter2' })).toEqual({
      username: 'ann',
      password: '[redacted]',
    });
  });
});
