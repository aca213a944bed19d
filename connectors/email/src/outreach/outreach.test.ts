import { NonRetryableError, RetryableError, parseActionInput, type EmailOutreachHooks, type SuppressionReport } from '@tripline/connector-sdk';
import { renderInput } from '@tripline/templates';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startMailCatcher, type MailCatcher } from '../mail-catcher/start-mail-catcher';
import { recipientsOf, sendEmailAction } from '../send/send-email.action';
import type { SmtpConfig } from '../smtp/smtp-config';
import { smtpReply, startScriptedSmtpServer } from '../test-support/scripted-smtp-server';
import { ONE_CLICK } from './list-unsubscribe';

const UNSUBSCRIBE_URL = 'https://tripline.example.com/v1/unsubscribe/eyJ2IjoxfQ.c2ln';

/** Hooks as the runtime passes them, recording what the action reports. */
function hooks(mailto?: string): EmailOutreachHooks & { suppressed: SuppressionReport[] } {
  const suppressed: SuppressionReport[] = [];
  return {
    unsubscribe: { url: UNSUBSCRIBE_URL, ...(mailto ? { mailto } : {}) },
    suppressed,
    async suppress(entries) {
      suppressed.push(...entries);
    },
  };
}

describe('email.send as outreach', () => {
  let catcher: MailCatcher;
  let config: SmtpConfig;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    config = { host: '127.0.0.1', port: catcher.smtpPort, from: 'Tripline <playbooks@tripline.test>' };
  });
  afterAll(() => catcher.close());
  beforeEach(() => catcher.clear());

  describe('templates (rendered as the runtime renders a step)', () => {
    const context = {
      person: { id: 'p1', traits: { email: 'ann@example.com', firstName: 'Ann <script>alert(1)</script>', plan: 'pro' } },
      account: { id: 'a1', traits: { name: 'Tom & Jerry\'s "Cartoons"' } },
    };
    const step = {
      to: '{{ person.traits.email }}',
      subject: 'Welcome to {{ account.traits.name }}, {{ person.traits.firstName | split: " " | first }}',
      text: 'Hi {{ person.traits.firstName }},\n{% if person.traits.plan == "pro" %}Thanks for going pro.{% endif %}',
      html: '<p>Hi <b>{{ person.traits.firstName }}</b> at {{ account.traits.name }}</p>{{ "<hr>" | raw }}',
    };
    const render = () => renderInput(step, context, undefined, { htmlFields: sendEmailAction.htmlInputs });

    it('renders subject, text and html; values inserted into html are escaped, text is left as written', async () => {
      const input = parseActionInput(sendEmailAction, render());
      await sendEmailAction.run({ auth: config, input, idempotencyKey: 'tpl-1' });
      const message = await catcher.waitFor((candidate) => candidate.subject.startsWith('Welcome'));

      expect(message.subject).toBe('Welcome to Tom & Jerry\'s "Cartoons", Ann');
      expect(message.text?.trim()).toBe('Hi Ann <script>alert(1)</script>,\nThanks for going pro.');
      expect(message.html).toContain(
        '<p>Hi <b>Ann &lt;script&gt;alert(1)&lt;/script&gt;</b> at Tom &amp; Jerry&#39;s &#34;Cartoons&#34;</p><hr>',
      );
      expect(message.html).not.toContain('<script>');
    });

    it('html falls under the template limits like every other field, named in the error', () => {
      const huge = { ...step, html: '{% for i in (1..1000) %}<p>{{ account.traits.name }}</p>{% endfor %}' };
      expect(() => renderInput(huge, context, { maxOutputLength: 10_000, renderTimeMs: 5000, inputRenderTimeMs: 5000 }, { htmlFields: ['html'] })).toThrow(
        'template "html" hit a limit: the output is longer than 10000 characters',
      );
    });

    it('declares html as its HTML field and every address as a recipient', () => {
      expect(sendEmailAction.htmlInputs).toEqual(['html']);
      const input = parseActionInput(sendEmailAction, { to: ['a@example.com', 'b@example.com'], cc: 'c@example.com', bcc: ['d@example.com'], subject: 's', text: 't' });
      expect(recipientsOf(input)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
      expect(sendEmailAction.recipients!(input)).toEqual(recipientsOf(input));
    });
  });

  describe('List-Unsubscribe', () => {
    const input = parseActionInput(sendEmailAction, { to: 'ann@example.com', subject: 'Unsubscribe me', text: 'Hi' });

    it('carries the URL (and the mailto) and the one-click POST header, as mailparser reads them', async () => {
      const outreach = hooks('mailto:unsubscribe@tripline.example.com?subject=unsubscribe%20eyJ2IjoxfQ.c2ln');
      let raw = Buffer.alloc(0);
      const server = await startScriptedSmtpServer({
        authOptional: true,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            raw = Buffer.concat(chunks);
            callback();
          });
        },
      });
      try {
        await sendEmailAction.run({ auth: { ...config, port: server.port }, input, idempotencyKey: 'lu-1', emailOutreach: outreach });
      } finally {
        await server.close();
      }
      const parsed: ParsedMail = await simpleParser(raw);
      // mailparser gathers the List-* headers under "list".
      const list = parsed.headers.get('list') as { unsubscribe: { url?: string; mail?: string }; 'unsubscribe-post': { name?: string } };
      expect(list.unsubscribe.url).toBe(UNSUBSCRIBE_URL);
      expect(list.unsubscribe.mail).toBe('unsubscribe@tripline.example.com?subject=unsubscribe%20eyJ2IjoxfQ.c2ln');
      expect(list['unsubscribe-post'].name).toBe(ONE_CLICK);
      // Exactly one header of each (a second List-Unsubscribe would be ambiguous to receivers).
      const keys = parsed.headerLines.map((line) => line.key);
      expect(keys.filter((key) => key === 'list-unsubscribe')).toHaveLength(1);
      expect(keys.filter((key) => key === 'list-unsubscribe-post')).toHaveLength(1);
      expect(outreach.suppressed).toEqual([]);
    });

    it('reaches the mail catcher with exactly these header values', async () => {
      await sendEmailAction.run({ auth: config, input, idempotencyKey: 'lu-2', emailOutreach: hooks() });
      const message = await catcher.waitFor((candidate) => candidate.subject === 'Unsubscribe me');
      expect(message.headers?.['list-unsubscribe']).toBe(`<${UNSUBSCRIBE_URL}>`);
      expect(message.headers?.['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    });

    it('is absent when the action runs outside a playbook run (no outreach hooks)', async () => {
      await sendEmailAction.run({ auth: config, input, idempotencyKey: 'lu-3' });
      const message = await catcher.waitFor((candidate) => candidate.subject === 'Unsubscribe me');
      expect(message.headers?.['list-unsubscribe']).toBeUndefined();
      expect(message.headers?.['list-unsubscribe-post']).toBeUndefined();
    });

    it('refuses an unsubscribe link that is not http(s) before connecting', async () => {
      const bad = { ...hooks(), unsubscribe: { url: 'javascript:alert(1)' } };
      await expect(sendEmailAction.run({ auth: config, input, idempotencyKey: 'lu-4', emailOutreach: bad })).rejects.toThrow(
        'The unsubscribe URL must be http(s), got javascript:',
      );
      expect(catcher.messages()).toEqual([]);
    });
  });

  describe('hard bounces', () => {
    const server = () =>
      startScriptedSmtpServer({
        authOptional: true,
        onRcptTo: (address, _session, callback) => {
          if (address.address.startsWith('gone')) return callback(smtpReply(550, '5.1.1 No such user'));
          if (address.address.startsWith('busy')) return callback(smtpReply(451, '4.2.1 Try again later'));
          callback();
        },
      });

    it('a 5xx refusal of the only recipient fails the step and reports the address as a hard bounce', async () => {
      const smtp = await server();
      const outreach = hooks();
      try {
        const input = parseActionInput(sendEmailAction, { to: 'gone@example.com', subject: 'x', text: 'y' });
        const sending = sendEmailAction.run({ auth: { ...config, port: smtp.port }, input, idempotencyKey: 'hb-1', emailOutreach: outreach });
        await expect(sending).rejects.toBeInstanceOf(NonRetryableError);
        expect(outreach.suppressed).toEqual([{ email: 'gone@example.com', reason: 'hardBounce', detail: '550 5.1.1 No such user' }]);
      } finally {
        await smtp.close();
      }
    });

    it('a refused recipient among accepted ones: the message goes out and only that address is reported', async () => {
      const smtp = await server();
      const outreach = hooks();
      try {
        const input = parseActionInput(sendEmailAction, { to: ['ok@example.com', 'gone@example.com'], subject: 'x', text: 'y' });
        const output = await sendEmailAction.run({ auth: { ...config, port: smtp.port }, input, idempotencyKey: 'hb-2', emailOutreach: outreach });
        expect(output.accepted).toEqual(['ok@example.com']);
        expect(output.rejected).toEqual(['gone@example.com']);
        expect(outreach.suppressed.map((entry) => entry.email)).toEqual(['gone@example.com']);
      } finally {
        await smtp.close();
      }
    });

    it('a temporary 4xx refusal is retried and never suppresses', async () => {
      const smtp = await server();
      const outreach = hooks();
      try {
        const input = parseActionInput(sendEmailAction, { to: 'busy@example.com', subject: 'x', text: 'y' });
        const sending = sendEmailAction.run({ auth: { ...config, port: smtp.port }, input, idempotencyKey: 'hb-3', emailOutreach: outreach });
        await expect(sending).rejects.toBeInstanceOf(RetryableError);
        expect(outreach.suppressed).toEqual([]);
      } finally {
        await smtp.close();
      }
    });
  });
});
