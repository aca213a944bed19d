import {
  AuthError,
  InvalidInputError,
  NonRetryableError,
  RetryableError,
  inputJsonSchema,
  parseActionInput,
} from '@tripline/connector-sdk';
import { EMAIL_SENDS_PER_SECOND, emailConnector } from '../email.connector';
import { startMailCatcher, type MailCatcher } from '../mail-catcher/start-mail-catcher';
import type { SmtpConfig } from '../smtp/smtp-config';
import { closedPort, smtpReply, startScriptedSmtpServer } from '../test-support/scripted-smtp-server';
import { messageIdFor } from './message-id';
import { sendEmailAction } from './send-email.action';

describe('email.send', () => {
  let catcher: MailCatcher;
  let config: SmtpConfig;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    config = { host: '127.0.0.1', port: catcher.smtpPort, from: 'Tripline <playbooks@tripline.test>' };
  });
  afterAll(() => catcher.close());
  beforeEach(() => catcher.clear());

  it('delivers the message with a Message-ID derived from the idempotency key', async () => {
    const input = parseActionInput(sendEmailAction, {
      to: ' ann@example.com ',
      cc: ['cat@example.com'],
      bcc: 'boss@example.com',
      subject: 'Welcome to Acme',
      text: 'Hi Ann, thanks for trying Acme.',
      html: '<p>Hi <b>Ann</b></p>',
      replyTo: 'sales@acme.test',
    });
    const output = await sendEmailAction.run({ auth: config, input, idempotencyKey: 'wf-1:n3:1' });

    expect(output.messageId).toBe(messageIdFor('wf-1:n3:1'));
    expect(output.accepted.sort()).toEqual(['ann@example.com', 'boss@example.com', 'cat@example.com']);
    expect(output.rejected).toEqual([]);

    const message = await catcher.waitFor((candidate) => candidate.subject === 'Welcome to Acme');
    expect(message.messageId).toBe(messageIdFor('wf-1:n3:1'));
    expect(message.from).toContain('playbooks@tripline.test');
    expect(message.to).toEqual(['ann@example.com']);
    expect(message.cc).toEqual(['cat@example.com']);
    expect(message.envelopeTo.sort()).toEqual(['ann@example.com', 'boss@example.com', 'cat@example.com']);
    expect(message.text?.trim()).toBe('Hi Ann, thanks for trying Acme.');
    expect(message.html).toContain('<b>Ann</b>');
  });

  it('logs in when the connection has credentials, and lets a step override the sender', async () => {
    const input = parseActionInput(sendEmailAction, {
      to: 'bob@example.com',
      subject: 'Hello',
      text: 'Body',
      from: 'Ann <ann@acme.test>',
    });
    await sendEmailAction.run({
      auth: { ...config, username: 'tripline', password: 'secret' },
      input,
      idempotencyKey: 'k2',
    });
    const message = await catcher.waitFor((candidate) => candidate.subject === 'Hello');
    expect(message.from).toBe('"Ann" <ann@acme.test>');
  });

  it('gives the same Message-ID to a resend of the same step', async () => {
    const input = parseActionInput(sendEmailAction, { to: 'bob@example.com', subject: 'Twice', text: 'x' });
    await sendEmailAction.run({ auth: config, input, idempotencyKey: 'same-key' });
    await sendEmailAction.run({ auth: config, input, idempotencyKey: 'same-key' });
    const ids = catcher.messages().map((message) => message.messageId);
    expect(ids).toEqual([messageIdFor('same-key'), messageIdFor('same-key')]);
  });

  it('is declared as an irreversible write of the email connector', () => {
    expect(emailConnector.actions).toContain(sendEmailAction);
    expect(sendEmailAction.effect).toBe('write');
    expect(sendEmailAction.irreversible).toBe(true);
    expect(sendEmailAction.undo).toBeUndefined();
    // Outreach: the per-contact frequency caps of the email channel apply; sends share one rate.
    expect(sendEmailAction.outreach).toBe('email');
    expect(emailConnector.rateLimit).toEqual({ perSecond: EMAIL_SENDS_PER_SECOND });
    expect(emailConnector.version).toBe(require('../../package.json').version);
  });

  describe('input', () => {
    it('has a JSON Schema for the designer: to and subject required, bodies optional', () => {
      const schema = inputJsonSchema(sendEmailAction) as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(schema.properties)).toEqual(['to', 'subject', 'text', 'html', 'from', 'replyTo', 'cc', 'bcc']);
      expect(schema.required).toEqual(['to', 'subject']);
    });

    it('needs a text or an html body', () => {
      expect(() => parseActionInput(sendEmailAction, { to: 'a@example.com', subject: 'x', text: '  ' })).toThrow(
        "Invalid input for action 'send': text: Give a text or an html body (or both)",
      );
    });

    it('names a bad address', () => {
      expect(() =>
        parseActionInput(sendEmailAction, { to: ['a@example.com', 'not-an-address'], subject: 'x', text: 'y' }),
      ).toThrow(InvalidInputError);
      try {
        parseActionInput(sendEmailAction, { to: 'a@example.com', cc: 'nope', subject: 'x', text: 'y' });
      } catch (error) {
        expect((error as InvalidInputError).issues.map((issue) => issue.field)).toEqual(['cc']);
      }
      expect.assertions(2);
    });
  });

  describe('failures', () => {
    const input = { to: ['bob@example.com'], subject: 'x', text: 'y' };

    it('connection refused is retryable', async () => {
      const port = await closedPort();
      const sending = sendEmailAction.run({ auth: { ...config, port }, input, idempotencyKey: 'k' });
      await expect(sending).rejects.toBeInstanceOf(RetryableError);
      await expect(sending).rejects.toThrow(/Could not talk to the SMTP server/);
    });

    it('refused credentials are an AuthError, and the password never appears in it', async () => {
      const server = await startScriptedSmtpServer({
        onAuth: (_auth, _session, callback) => callback(smtpReply(535, 'Authentication credentials invalid')),
      });
      try {
        const sending = sendEmailAction.run({
          auth: { ...config, port: server.port, username: 'ann', password: 'hunter2' },
          input,
          idempotencyKey: 'k',
        });
        await expect(sending).rejects.toBeInstanceOf(AuthError);
        await expect(sending).rejects.toThrow(/refused the credentials.*535/);
        await expect(sending).rejects.not.toThrow(/hunter2/);
      } finally {
        await server.close();
      }
    });

    it('a 4xx reply is retryable and a 5xx reply is not', async () => {
      const server = await startScriptedSmtpServer({
        authOptional: true,
        onRcptTo: (address, _session, callback) =>
          address.address.startsWith('busy')
            ? callback(smtpReply(451, 'Try again later'))
            : callback(smtpReply(550, 'No such user')),
      });
      try {
        const auth = { ...config, port: server.port };
        const busy = sendEmailAction.run({ auth, input: { ...input, to: ['busy@example.com'] }, idempotencyKey: 'k' });
        await expect(busy).rejects.toBeInstanceOf(RetryableError);
        await expect(busy).rejects.toThrow(/temporary error.*451/);
        const gone = sendEmailAction.run({ auth, input: { ...input, to: ['gone@example.com'] }, idempotencyKey: 'k' });
        await expect(gone).rejects.toBeInstanceOf(NonRetryableError);
        await expect(gone).rejects.toThrow(/rejected the message.*550/);
      } finally {
        await server.close();
      }
    });
  });

  describe('connection test', () => {
    it('passes against a reachable server and explains a refused login', async () => {
      await expect(emailConnector.auth.test!(config)).resolves.toEqual({ ok: true });

      const server = await startScriptedSmtpServer({
        onAuth: (_auth, _session, callback) => callback(smtpReply(535, 'Authentication credentials invalid')),
      });
      try {
        const result = await emailConnector.auth.test!({ ...config, port: server.port, username: 'ann', password: 'pw' });
        expect(result.ok).toBe(false);
        expect(result.message).toMatch(/refused the credentials/);
      } finally {
        await server.close();
      }
    });

    it('checks the config shape: a username needs a password', () => {
      const parsed = emailConnector.auth.config.safeParse({ host: 'smtp.test', port: 25, from: 'a@b.co', username: 'u' });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['password']);
    });
  });
});
